import { ALERTS, type AlertKey } from "./alert-catalog";
import { type AlertingRule, promNumber } from "./rule-types";
import { errorRatioRecord, type SliWindow, type SloKind } from "./sli";

/**
 * Multiwindow, multi-burn-rate alerting for a 30-day SLO, as in the Google SRE
 * workbook (ch. 5, table 5-8): a long window proves the burn is real, a short
 * window (1/12 of it) makes the alert stop soon after the burn does.
 */
export const BURN_POLICY = {
  fast: [
    { factor: 14.4, long: "1h", short: "5m" }, // 2 % of the budget in 1 hour
    { factor: 6, long: "6h", short: "30m" }, //  5 % of the budget in 6 hours
  ],
  slow: [
    { factor: 3, long: "1d", short: "2h" }, //   10 % of the budget in 1 day
    { factor: 1, long: "3d", short: "6h" }, //   10 % of the budget in 3 days
  ],
} as const satisfies Record<string, readonly { factor: number; long: SliWindow; short: SliWindow }[]>;

const ALERT_KEYS: Record<SloKind, Record<keyof typeof BURN_POLICY, AlertKey>> = {
  availability: { fast: "availabilityFastBurn", slow: "availabilitySlowBurn" },
  latency: { fast: "latencyFastBurn", slow: "latencySlowBurn" },
};

const FOR: Record<keyof typeof BURN_POLICY, string> = { fast: "2m", slow: "15m" };

export interface BurnRateAlertProps {
  readonly slo: SloKind;
  /** Allowed error ratio, 1 − objective: 0.001 for 99.9 % availability. */
  readonly budget: number;
  readonly seriesSelector: string;
  readonly runbookUrl: (page: string) => string;
}

export function burnRateAlerts(props: BurnRateAlertProps): AlertingRule[] {
  return (Object.keys(BURN_POLICY) as (keyof typeof BURN_POLICY)[]).map((speed) => {
    const alert = ALERTS[ALERT_KEYS[props.slo][speed]];
    const series = (window: SliWindow) => `${errorRatioRecord(window)}{${props.seriesSelector}, slo="${props.slo}"}`;
    const expr = BURN_POLICY[speed]
      .map(({ factor, long, short }) => {
        const threshold = promNumber(factor * props.budget);
        return `(${series(long)} > ${threshold} and ${series(short)} > ${threshold})`;
      })
      .join("\nor\n");
    return {
      alert: alert.name,
      expr,
      for: FOR[speed],
      labels: { severity: alert.severity },
      annotations: {
        summary: alert.summary,
        description: alert.description,
        runbook_url: props.runbookUrl(alert.runbook),
      },
    };
  });
}
