import { RELEASE_SERIES_LABEL, STATUS_CODE_LABEL, WEBSITE_METRICS } from "./metric-contract";

/**
 * Selects the release under analysis: the pods of the new ReplicaSet, by the pod-template hash the
 * controller passes (`podTemplateHashValue: Latest`, utils/analysis/factory.go,
 * BuildArgumentsForRolloutAnalysisRun: `newRS.Labels[DefaultRolloutUniqueLabelKey]`). Before the
 * switch that is the preview's smoke traffic, after it the production traffic the same pods answer.
 */
export const RELEASE_SELECTOR = [
  'namespace="{{args.namespace}}"',
  'service="{{args.metrics-service}}"',
  `${RELEASE_SERIES_LABEL}="{{args.pod-template-hash}}"`,
].join(", ");

/**
 * Share of 5xx responses. `or vector(0)` keeps a release with traffic but no
 * errors at 0 instead of an empty result; with no traffic at all the
 * denominator is empty (or 0, giving NaN) and the gate stays inconclusive.
 */
export function errorRatioQuery(windowSeconds: number): string {
  const window = `[${windowSeconds}s]`;
  const errors = `sum(rate(${WEBSITE_METRICS.requests}{${RELEASE_SELECTOR}, ${STATUS_CODE_LABEL}=~"5.."}${window}))`;
  const all = `sum(rate(${WEBSITE_METRICS.requests}{${RELEASE_SELECTOR}}${window}))`;
  return `(${errors} or vector(0))\n/\n${all}`;
}

/** 95th-percentile request latency in seconds, from the duration histogram. */
export function latencyP95Query(windowSeconds: number): string {
  return `histogram_quantile(0.95, sum by (le) (rate(${WEBSITE_METRICS.durationBucket}{${RELEASE_SELECTOR}}[${windowSeconds}s])))`;
}
