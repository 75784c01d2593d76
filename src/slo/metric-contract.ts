/**
 * The metrics the website exports and the labels Prometheus adds to them.
 * The website must export exactly these names; docs/rollouts.md says so.
 */
export const WEBSITE_METRICS = {
  /** Counter of handled requests, labelled with the HTTP status `code`. */
  requests: "http_requests_total",
  /** Histogram of request durations in seconds (buckets from env config). */
  durationBucket: "http_request_duration_seconds_bucket",
} as const;

/** The status-code label on the requests counter. */
export const STATUS_CODE_LABEL = "code";

/**
 * The pod's `candlefish.ai/rollout-role` label after Prometheus Operator's
 * podTargetLabels copied it onto every series (dots and slashes become `_`).
 */
export const ROLE_SERIES_LABEL = "candlefish_ai_rollout_role";
