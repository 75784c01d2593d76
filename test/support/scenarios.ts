/** How one role of the website behaves in a scenario the exporter simulates. */
export interface Traffic {
  /** Requests per second; 0 keeps the series but never increases them. */
  readonly rps: number;
  /** Share of requests answered with a 500. */
  readonly errorShare: number;
  /** Share of requests taking `slowSeconds`; the rest take 0.2 s. */
  readonly slowShare: number;
  readonly slowSeconds: number;
}

export type Role = "active" | "preview";
export type Scenario = Readonly<Record<Role, Traffic | null>>;

const healthy: Traffic = { rps: 40, errorShare: 0, slowShare: 0, slowSeconds: 0 };

/**
 * The releases the gates must judge. `null` exports no series at all for that
 * role; `rps: 0` exports series that never move (NaN after rate()).
 */
export const SCENARIOS = {
  healthy: { active: healthy, preview: healthy },
  "five-percent-errors": {
    active: { ...healthy, errorShare: 0.05 },
    preview: { ...healthy, errorShare: 0.05 },
  },
  "p95-of-3s": {
    active: { ...healthy, slowShare: 0.1, slowSeconds: 3 },
    preview: { ...healthy, slowShare: 0.1, slowSeconds: 3 },
  },
  "no-traffic": { active: { ...healthy, rps: 0 }, preview: { ...healthy, rps: 0 } },
  "no-series": { active: null, preview: null },
  // Proves the role filter: only the preview misbehaves.
  "preview-errors-only": { active: healthy, preview: { ...healthy, errorShare: 0.05 } },
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;

/** Each scenario lives in its own namespace, as if a Rollout ran there. */
export const namespaceOf = (scenario: string) => `scenario-${scenario}`;

/** Exposition text of one role at `elapsed` seconds after the exporter started. */
export function exposition(traffic: Traffic | null, buckets: readonly number[], elapsed: number): string {
  if (traffic === null) return "";
  const total = traffic.rps * elapsed;
  const errors = total * traffic.errorShare;
  const slow = total * traffic.slowShare;
  const fast = total - slow;
  const lines = ["# TYPE http_requests_total counter", `http_requests_total{code="200"} ${total - errors}`];
  // Like most client libraries, a status code's series appears with its first request:
  // a healthy release has no 5xx series at all, which `or vector(0)` must cover.
  if (traffic.errorShare > 0) lines.push(`http_requests_total{code="500"} ${errors}`);
  lines.push("# TYPE http_request_duration_seconds histogram");
  for (const bound of buckets) {
    const within = (bound >= 0.2 ? fast : 0) + (bound >= traffic.slowSeconds && slow > 0 ? slow : 0);
    lines.push(`http_request_duration_seconds_bucket{le="${bound}"} ${within}`);
  }
  lines.push(`http_request_duration_seconds_bucket{le="+Inf"} ${total}`);
  lines.push(`http_request_duration_seconds_sum ${fast * 0.2 + slow * traffic.slowSeconds}`);
  lines.push(`http_request_duration_seconds_count ${total}`);
  return `${lines.join("\n")}\n`;
}
