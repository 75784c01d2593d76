import { type DashboardContext, dashboardUid } from "./context";
import { type Dashboard, dashboard } from "./model";

/** What the website is for: completed assessments and people using it (metric names from env config). */
export function businessDashboard(context: DashboardContext): Dashboard {
  const { assessmentCompletions, activeUsers } = context.env.monitoring.businessMetrics;
  const namespace = `namespace="${context.target.namespace}"`;
  return dashboard(
    dashboardUid(context, "business"),
    `${context.workload} (${context.env.name}) · business`,
    ["candlefish", "business", context.env.name],
    [
      {
        title: "Assessments completed per hour",
        description: "Completed assessments, summed over all pods.",
        unit: "short",
        queries: [{ expr: `sum(rate(${assessmentCompletions}{${namespace}}[1h])) * 3600`, legend: "completed / h" }],
      },
      {
        title: "Active users",
        description: "Users the website counts as active right now.",
        unit: "short",
        queries: [{ expr: `sum(${activeUsers}{${namespace}})`, legend: "active users" }],
      },
    ],
  );
}
