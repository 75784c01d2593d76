import { BUDGET_REMAINING_RECORD, burnRateRecord, errorRatioRecord, type SloKind } from "../slo/sli";
import { type DashboardContext, dashboardUid } from "./context";
import { type Dashboard, dashboard, type PanelSpec } from "./model";

/** The SLIs over 30 days, the error budget left, and how fast each window burns it. */
export function sloDashboard(context: DashboardContext): Dashboard {
  const { namespace, service } = context.target;
  const series = (record: string, slo: SloKind) =>
    `${record}{namespace="${namespace}", service="${service}", slo="${slo}"}`;
  const panelsFor = (slo: SloKind, label: string): PanelSpec[] => [
    {
      title: `${label} SLI (30 days)`,
      description: `Share of good requests over the SLO window (${slo}).`,
      unit: "percentunit",
      type: "stat",
      queries: [{ expr: `1 - ${series(errorRatioRecord("30d"), slo)}`, legend: slo }],
    },
    {
      title: `${label} error budget remaining`,
      description: "1 means untouched, 0 means spent; below 0 the SLO is broken.",
      unit: "percentunit",
      type: "stat",
      queries: [{ expr: series(BUDGET_REMAINING_RECORD, slo), legend: slo }],
    },
    {
      title: `${label} burn rate`,
      description: "1 spends the budget exactly over 30 days; the alerts fire at 14.4, 6, 3 and 1 over paired windows.",
      unit: "none",
      queries: (["1h", "6h", "1d", "3d"] as const).map((window) => ({
        expr: series(burnRateRecord(window), slo),
        legend: window,
      })),
    },
  ];
  return dashboard(
    dashboardUid(context, "slo"),
    `${context.workload} (${context.env.name}) · SLO & error budget`,
    ["candlefish", "slo", context.env.name],
    [...panelsFor("availability", "Availability"), ...panelsFor("latency", "Latency")],
  );
}
