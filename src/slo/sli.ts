import { bucketLabel } from "./bucket-label";
import { STATUS_CODE_LABEL, SYNTHETIC_TRAFFIC, TRAFFIC_LABEL, WEBSITE_METRICS } from "./metric-contract";

/** Rate windows the SLI is recorded over: the multiwindow alerts' pairs, plus the SLO window itself. */
export const SHORT_WINDOWS = ["5m", "30m", "1h", "2h", "6h"] as const;
export const LONG_WINDOWS = ["1d", "3d", "30d"] as const;
export type SliWindow = (typeof SHORT_WINDOWS)[number] | (typeof LONG_WINDOWS)[number];

export type SloKind = "availability" | "latency";

/**
 * Where one workload's user traffic is: every pod of every release (whichever the active Service
 * selects, whatever its role label says), less the synthetic requests the smoke Job sends.
 */
export interface SliTarget {
  readonly namespace: string;
  readonly service: string;
}

export function sliSelector(target: SliTarget): string {
  return `namespace="${target.namespace}", service="${target.service}", ${TRAFFIC_LABEL}!="${SYNTHETIC_TRAFFIC}"`;
}

/** Recorded series names follow Prometheus' level:metric:operations convention. */
export const errorRatioRecord = (window: SliWindow) => `slo:sli_error:ratio_rate${window}`;
export const burnRateRecord = (window: SliWindow) => `slo:burn_rate:ratio_rate${window}`;
export const ERROR_BUDGET_RECORD = "slo:error_budget:ratio";
export const BUDGET_REMAINING_RECORD = "slo:error_budget_remaining:ratio";

/** Share of 5xx answers; 0 (not "no data") when traffic has no errors. */
export function availabilityErrorRatio(target: SliTarget, window: SliWindow): string {
  const selector = sliSelector(target);
  return [
    `(sum(rate(${WEBSITE_METRICS.requests}{${selector}, ${STATUS_CODE_LABEL}=~"5.."}[${window}])) or vector(0))`,
    `/`,
    `sum(rate(${WEBSITE_METRICS.requests}{${selector}}[${window}]))`,
  ].join("\n");
}

/**
 * Share of requests slower than the objective: 1 − (requests within the
 * objective's bucket) / (all requests). The objective is a bucket bound
 * (a schema rule), so the ratio is exact, not interpolated.
 */
export function latencyErrorRatio(target: SliTarget, window: SliWindow, objectiveSeconds: number): string {
  const selector = sliSelector(target);
  const bucket = (bound: number) =>
    `sum(rate(${WEBSITE_METRICS.durationBucket}{${selector}, le="${bucketLabel(bound)}"}[${window}]))`;
  return `1 - (\n${bucket(objectiveSeconds)}\n/\n${bucket(Number.POSITIVE_INFINITY)}\n)`;
}
