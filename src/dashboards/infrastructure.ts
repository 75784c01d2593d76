import { type DashboardContext, dashboardUid } from "./context";
import { type Dashboard, dashboard } from "./model";

/** Resource use against requests, autoscaling and restarts: the capacity view. */
export function infrastructureDashboard(context: DashboardContext): Dashboard {
  const { namespace } = context.target;
  const container = `namespace="${namespace}", container="${context.workload}"`;
  return dashboard(
    dashboardUid(context, "infrastructure"),
    `${context.workload} (${context.env.name}) · infrastructure`,
    ["candlefish", context.env.name],
    [
      {
        title: "CPU used vs requested",
        description: "Cores per pod; the HPA scales at the configured share of the request.",
        unit: "short",
        queries: [
          { expr: `sum by (pod) (rate(container_cpu_usage_seconds_total{${container}}[5m]))`, legend: "{{pod}} used" },
          {
            expr: `sum(kube_pod_container_resource_requests{${container}, resource="cpu"})`,
            legend: "requested (all pods)",
          },
        ],
      },
      {
        title: "Memory used vs requested",
        description: "Working set per pod against the request.",
        unit: "bytes",
        queries: [
          { expr: `sum by (pod) (container_memory_working_set_bytes{${container}})`, legend: "{{pod}} used" },
          {
            expr: `sum(kube_pod_container_resource_requests{${container}, resource="memory"})`,
            legend: "requested (all pods)",
          },
        ],
      },
      {
        title: "HPA utilization targets",
        description: "Average utilization the HPA sees, per metric, against its target.",
        unit: "percent",
        queries: [
          {
            expr: `kube_horizontalpodautoscaler_status_target_metric{namespace="${namespace}", horizontalpodautoscaler="${context.workload}"}`,
            legend: "{{metric_name}} current",
          },
          {
            expr: `kube_horizontalpodautoscaler_spec_target_metric{namespace="${namespace}", horizontalpodautoscaler="${context.workload}"}`,
            legend: "{{metric_name}} target",
          },
        ],
      },
      {
        title: "Container restarts (1h)",
        description: "Restarts per pod over the last hour; crash loops show here first.",
        unit: "short",
        queries: [
          {
            expr: `sum by (pod) (increase(kube_pod_container_status_restarts_total{${container}}[1h]))`,
            legend: "{{pod}}",
          },
        ],
      },
    ],
  );
}
