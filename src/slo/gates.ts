import type { EnvConfig } from "../env";

/** The thresholds every release gate applies, all derived from the env's SLO. */
export interface ReleaseGates {
  /** Highest share of 5xx responses a release may show. */
  readonly maxErrorRatio: number;
  /** Highest 95th-percentile latency a release may show, in seconds. */
  readonly maxP95Seconds: number;
  /** Failed smoke requests tolerated out of `smokeRequests` (rounded down). */
  readonly allowedSmokeFailures: (smokeRequests: number) => number;
}

export function releaseGates(slo: EnvConfig["slo"]): ReleaseGates {
  return {
    maxErrorRatio: slo.errorRate,
    maxP95Seconds: slo.latencyP95Seconds,
    allowedSmokeFailures: (smokeRequests) => Math.floor(smokeRequests * slo.errorRate + 1e-9),
  };
}
