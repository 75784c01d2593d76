import type { EnvConfig } from "../env";
import { ALERTS } from "./alert-catalog";
import { burnRateAlerts } from "./burn-rate-alerts";
import { WEBSITE_METRICS } from "./metric-contract";
import { operationalAlerts } from "./operational-alerts";
import { promNumber, type Rule, type RuleGroup } from "./rule-types";
import {
  availabilityErrorRatio,
  BUDGET_REMAINING_RECORD,
  burnRateRecord,
  ERROR_BUDGET_RECORD,
  errorRatioRecord,
  LONG_WINDOWS,
  latencyErrorRatio,
  SHORT_WINDOWS,
  type SliTarget,
  type SliWindow,
  type SloKind,
  sliSelector,
} from "./sli";

/** "p95 < 2 s" read as an SLO: 95 % of requests within 2 s, so 5 % may be slower. */
export const LATENCY_TARGET_SHARE = 0.95;

export interface SloRulesProps {
  readonly env: EnvConfig;
  readonly workload: string;
  readonly target: SliTarget;
}

/** Allowed error ratio of each SLO, from the env's objectives. */
export function errorBudgets(slo: EnvConfig["slo"]): Record<SloKind, number> {
  return { availability: 1 - slo.availability, latency: 1 - LATENCY_TARGET_SHARE };
}

function sliRecords(props: SloRulesProps, windows: readonly SliWindow[]): Rule[] {
  const { target, env } = props;
  const budgets = errorBudgets(env.slo);
  const labels = (slo: SloKind) => ({ namespace: target.namespace, service: target.service, slo });
  const recorded = (slo: SloKind, window: SliWindow) =>
    `${errorRatioRecord(window)}{namespace="${target.namespace}", service="${target.service}", slo="${slo}"}`;
  return windows.flatMap((window) =>
    (["availability", "latency"] as const).flatMap((slo) => [
      {
        record: errorRatioRecord(window),
        expr:
          slo === "availability"
            ? availabilityErrorRatio(target, window)
            : latencyErrorRatio(target, window, env.slo.latencyP95Seconds),
        labels: labels(slo),
      },
      {
        record: burnRateRecord(window),
        expr: `${recorded(slo, window)} / ${promNumber(budgets[slo])}`,
        labels: labels(slo),
      },
    ]),
  );
}

function budgetRecords(props: SloRulesProps): Rule[] {
  const { target, env } = props;
  const budgets = errorBudgets(env.slo);
  return (["availability", "latency"] as const).flatMap((slo) => {
    const labels = { namespace: target.namespace, service: target.service, slo };
    const thirtyDays = `${errorRatioRecord("30d")}{namespace="${target.namespace}", service="${target.service}", slo="${slo}"}`;
    return [
      { record: ERROR_BUDGET_RECORD, expr: `vector(${promNumber(budgets[slo])})`, labels },
      { record: BUDGET_REMAINING_RECORD, expr: `1 - ${thirtyDays} / ${promNumber(budgets[slo])}`, labels },
    ];
  });
}

/**
 * The rule groups of one workload: SLI recordings over short and long
 * windows (long ones evaluated every 5 minutes: a 30-day rate is costly),
 * burn-rate and latency alerts, and operational alerts.
 */
export function sloRuleGroups(props: SloRulesProps): RuleGroup[] {
  const { env, workload, target } = props;
  const budgets = errorBudgets(env.slo);
  const runbookUrl = (page: string) => `${env.monitoring.runbookBaseUrl}/${page}.md`;
  const recordedSelector = `namespace="${target.namespace}", service="${target.service}"`;
  const p95 = ALERTS.latencyP95High;
  return [
    {
      name: `${workload}-sli-short`,
      interval: `${env.monitoring.scrapeIntervalSeconds}s`,
      rules: sliRecords(props, SHORT_WINDOWS),
    },
    {
      name: `${workload}-sli-long`,
      interval: "5m",
      rules: [...sliRecords(props, LONG_WINDOWS), ...budgetRecords(props)],
    },
    {
      name: `${workload}-slo-alerts`,
      rules: [
        ...burnRateAlerts({
          slo: "availability",
          budget: budgets.availability,
          seriesSelector: recordedSelector,
          runbookUrl,
        }),
        ...burnRateAlerts({ slo: "latency", budget: budgets.latency, seriesSelector: recordedSelector, runbookUrl }),
        {
          alert: p95.name,
          expr: `histogram_quantile(0.95, sum by (le, namespace, service) (rate(${WEBSITE_METRICS.durationBucket}{${sliSelector(target)}}[5m]))) > ${promNumber(env.slo.latencyP95Seconds)}`,
          for: "10m",
          // namespace and service come from the series (kept by `sum by`), so the annotations can name them.
          labels: { severity: p95.severity },
          annotations: { summary: p95.summary, description: p95.description, runbook_url: runbookUrl(p95.runbook) },
        },
      ],
    },
    {
      name: `${workload}-operational-alerts`,
      rules: operationalAlerts({
        namespace: env.namespace,
        workload,
        maxPausedMinutes: env.monitoring.maxPausedMinutes,
        runbookUrl,
      }),
    },
  ];
}
