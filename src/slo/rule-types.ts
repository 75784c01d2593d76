/** Prometheus rule groups as `promtool check rules` and PrometheusRule.spec read them. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
}

export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export type Rule = RecordingRule | AlertingRule;

export interface RuleGroup {
  readonly name: string;
  readonly interval?: string;
  readonly rules: readonly Rule[];
}

export function isAlertingRule(rule: Rule): rule is AlertingRule {
  return "alert" in rule;
}

/** Shortest decimal for a computed threshold: 14.4 × 0.001 renders 0.0144, not 0.014400000000000001. */
export function promNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}
