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
 * The pod's `rollouts-pod-template-hash` label after Prometheus Operator's podTargetLabels copied
 * it onto every series (characters outside [a-zA-Z0-9_] become `_`): which release answered.
 */
export const RELEASE_SERIES_LABEL = "rollouts_pod_template_hash";

/**
 * The label the website puts on both metrics: `synthetic` for requests that carry
 * SYNTHETIC_TRAFFIC_HEADER (the pre-promotion smoke Job sends it), `user` for every other request.
 * SLIs leave synthetic traffic out; the release gates judge a release by all of its traffic.
 */
export const TRAFFIC_LABEL = "traffic";
export const SYNTHETIC_TRAFFIC = "synthetic";
export const SYNTHETIC_TRAFFIC_HEADER = "X-Candlefish-Traffic";
