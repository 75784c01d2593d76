import { RELEASE_SERIES_LABEL, STATUS_CODE_LABEL, WEBSITE_METRICS } from "../slo/metric-contract";
import { type DashboardContext, dashboardUid } from "./context";
import { type Dashboard, dashboard } from "./model";

/**
 * Traffic, errors and latency per release (pod-template hash: during a release the old and the new
 * one side by side), with replicas and the release phase beside them.
 */
export function overviewDashboard(context: DashboardContext): Dashboard {
  const { namespace, service } = context.target;
  const selector = `namespace="${namespace}", service="${service}"`;
  const byRelease = `sum by (${RELEASE_SERIES_LABEL})`;
  const release = `release {{${RELEASE_SERIES_LABEL}}}`;
  const quantile = (q: number) => ({
    expr: `histogram_quantile(${q}, sum by (le, ${RELEASE_SERIES_LABEL}) (rate(${WEBSITE_METRICS.durationBucket}{${selector}}[5m])))`,
    legend: `p${q * 100} ${release}`,
  });
  const hpa = `namespace="${namespace}", horizontalpodautoscaler="${context.workload}"`;
  return dashboard(
    dashboardUid(context, "overview"),
    `${context.workload} (${context.env.name}) · overview`,
    ["candlefish", context.env.name],
    [
      {
        title: "Request rate by release",
        description:
          "Requests per second each release (pod-template hash) answers: old and new side by side during a release.",
        unit: "reqps",
        queries: [{ expr: `${byRelease} (rate(${WEBSITE_METRICS.requests}{${selector}}[5m]))`, legend: release }],
      },
      {
        title: "Error ratio by release",
        description: "Share of 5xx answers; the SLO allows the error budget over 30 days.",
        unit: "percentunit",
        queries: [
          {
            expr: `${byRelease} (rate(${WEBSITE_METRICS.requests}{${selector}, ${STATUS_CODE_LABEL}=~"5.."}[5m])) / ${byRelease} (rate(${WEBSITE_METRICS.requests}{${selector}}[5m]))`,
            legend: release,
          },
        ],
      },
      {
        title: "Latency p50 / p95 / p99 by release",
        description: `From the request-duration histogram; the objective is p95 < ${context.env.slo.latencyP95Seconds} s.`,
        unit: "s",
        queries: [quantile(0.5), quantile(0.95), quantile(0.99)],
      },
      {
        title: "Replicas",
        description: "What the HPA runs, wants and may run at most.",
        unit: "short",
        queries: [
          { expr: `kube_horizontalpodautoscaler_status_current_replicas{${hpa}}`, legend: "current" },
          { expr: `kube_horizontalpodautoscaler_status_desired_replicas{${hpa}}`, legend: "desired" },
          { expr: `kube_horizontalpodautoscaler_spec_max_replicas{${hpa}}`, legend: "max" },
        ],
      },
      {
        title: "Rollout phase",
        description: "Argo Rollouts' view of the release: Healthy, Progressing, Paused or Degraded.",
        unit: "none",
        type: "stat",
        queries: [
          { expr: `rollout_info{namespace="${namespace}", name="${context.workload}"} == 1`, legend: "{{phase}}" },
        ],
      },
    ],
  );
}
