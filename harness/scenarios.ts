/** How one release of the website behaves in a scenario the exporter simulates. */
export interface Traffic {
  /** Requests per second; 0 keeps the series but never increases them. */
  readonly rps: number;
  /** Share of requests answered with a 500. */
  readonly errorShare: number;
  /** Share of requests taking `slowSeconds`; the rest take 0.2 s. */
  readonly slowShare: number;
  readonly slowSeconds: number;
}

/** The stable release and the one under analysis (the new ReplicaSet, `podTemplateHashValue: Latest`). */
export type Release = "stable" | "latest";
export type Scenario = Readonly<Record<Release, Traffic | null>>;

/** The pod-template hash of each release's pods, as the controller would name them. */
export const RELEASE_HASHES: Readonly<Record<Release, string>> = { stable: "5c8f6d7b9a", latest: "7f5c9d8b6a" };

const healthy: Traffic = { rps: 40, errorShare: 0, slowShare: 0, slowSeconds: 0 };

/**
 * The releases the gates must judge. `null` exports no series at all for that
 * release; `rps: 0` exports series that never move (NaN after rate()).
 */
export const SCENARIOS = {
  healthy: { stable: healthy, latest: healthy },
  "five-percent-errors": { stable: healthy, latest: { ...healthy, errorShare: 0.05 } },
  "p95-of-3s": { stable: healthy, latest: { ...healthy, slowShare: 0.1, slowSeconds: 3 } },
  "no-traffic": { stable: healthy, latest: { ...healthy, rps: 0 } },
  "no-series": { stable: healthy, latest: null },
  // Proves the release filter: the old pods misbehave, the new ones do not; only the new ones are judged.
  "stable-errors-only": { stable: { ...healthy, errorShare: 0.05 }, latest: healthy },
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;

/** Each scenario lives in its own namespace, as if a Rollout ran there. */
export const namespaceOf = (scenario: string) => `scenario-${scenario}`;

/** Requests one pod (or one release) has answered so far: the website's counters. */
export interface RequestCounts {
  readonly total: number;
  readonly errors: number;
  readonly slow: number;
  readonly slowSeconds: number;
}

/** What `traffic` adds up to over `seconds`. */
export function countsOver(traffic: Traffic, seconds: number): RequestCounts {
  const total = traffic.rps * seconds;
  return {
    total,
    errors: total * traffic.errorShare,
    slow: total * traffic.slowShare,
    slowSeconds: traffic.slowSeconds,
  };
}

/** One set of counters and the labels its series carry (`key="value",...`; empty for none). */
export interface CountedSeries {
  readonly counts: RequestCounts;
  readonly labels: string;
}

const withLabels = (labels: string, extra?: string) => {
  const all = [labels, extra].filter((part) => part !== undefined && part !== "").join(",");
  return all === "" ? "" : `{${all}}`;
};

/**
 * The website's metrics, each family's samples grouped under its TYPE line as the text format
 * requires (Prometheus 3 normalises `le` only inside a histogram family: textparse/promparse.go).
 * Bucket bounds are written the way most client libraries write them (`le="2"`).
 */
export function exposition(series: readonly CountedSeries[], buckets: readonly number[]): string {
  const requests = ["# TYPE http_requests_total counter"];
  const durations = ["# TYPE http_request_duration_seconds histogram"];
  for (const { counts, labels } of series) {
    const fast = counts.total - counts.slow;
    requests.push(`http_requests_total${withLabels(labels, 'code="200"')} ${counts.total - counts.errors}`);
    // Like most client libraries, a status code's series appears with its first request:
    // a healthy release has no 5xx series at all, which `or vector(0)` must cover.
    if (counts.errors > 0) requests.push(`http_requests_total${withLabels(labels, 'code="500"')} ${counts.errors}`);
    for (const bound of buckets) {
      const within = (bound >= 0.2 ? fast : 0) + (bound >= counts.slowSeconds && counts.slow > 0 ? counts.slow : 0);
      durations.push(`http_request_duration_seconds_bucket${withLabels(labels, `le="${bound}"`)} ${within}`);
    }
    durations.push(`http_request_duration_seconds_bucket${withLabels(labels, 'le="+Inf"')} ${counts.total}`);
    durations.push(
      `http_request_duration_seconds_sum${withLabels(labels)} ${fast * 0.2 + counts.slow * counts.slowSeconds}`,
    );
    durations.push(`http_request_duration_seconds_count${withLabels(labels)} ${counts.total}`);
  }
  return `${[...requests, ...durations].join("\n")}\n`;
}

/** Exposition text of one release at `elapsed` seconds after the exporter started. */
export function scenarioExposition(traffic: Traffic | null, buckets: readonly number[], elapsed: number): string {
  return traffic === null ? "" : exposition([{ counts: countsOver(traffic, elapsed), labels: "" }], buckets);
}
