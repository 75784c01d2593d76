import { z } from "zod";

const metricName = z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, "must be a Prometheus metric name");

export const monitoringSchema = z.strictObject({
  /** Labels kube-prometheus-stack's Prometheus selects ServiceMonitors and PrometheusRules by. */
  prometheusSelector: z.record(z.string(), z.string()),
  scrapeIntervalSeconds: z.int().min(5, "must be at least 5 seconds").max(120, "must be at most 120 seconds"),
  /** The SLO's rolling window; the error budget and burn rates are over it. */
  sloWindowDays: z.literal(30, "must be 30: the burn-rate factors (14.4, 6, 3, 1) are for a 30-day window"),
  /** Where runbook pages live; each alert links `<base>/<runbook>.md` (pages in docs/runbooks/). */
  runbookBaseUrl: z.url({ protocol: /^https$/, error: "must be an https URL" }),
  /** How long a Rollout may wait for `promote` before someone is reminded. */
  maxPausedMinutes: z.int().min(15, "must be at least 15 minutes"),
  /**
   * Who hears about alerts (Alertmanager's routes): critical alerts page when `pager` is on, and go to
   * the chat channel otherwise; warnings always go to the chat channel. The credentials are keys of
   * the env's alerting secret in AWS Secrets Manager (outputs: secretNames.alerting), never in Git.
   */
  alerting: z.strictObject({
    pager: z.boolean(),
    chatChannel: z.string().regex(/^#[a-z0-9][a-z0-9_-]*$/, "must be a chat channel such as #candlefish-alerts"),
  }),
  /** Product metrics the business dashboard shows. */
  businessMetrics: z.strictObject({ assessmentCompletions: metricName, activeUsers: metricName }),
});

export type MonitoringConfig = z.output<typeof monitoringSchema>;
