import type { Construct } from "constructs";
import {
  PrometheusRule,
  PrometheusRuleSpecGroupsRulesExpr,
} from "../../../imports/prometheus-operator-prometheusrules-monitoring.coreos.com";
import type { RuleGroup } from "../../slo/rule-types";
import { SYNC_WAVE, syncWave } from "../meta/sync-wave";

export interface RulesProps {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly groups: readonly RuleGroup[];
}

/** Rule groups as a PrometheusRule; `spec` is exactly what promtool checks. */
export class Rules extends PrometheusRule {
  constructor(scope: Construct, id: string, props: RulesProps) {
    super(scope, id, {
      metadata: { name: props.name, labels: props.labels, annotations: syncWave(SYNC_WAVE.supporting) },
      spec: {
        groups: props.groups.map((group) => ({
          name: group.name,
          interval: group.interval,
          rules: group.rules.map((rule) => ({
            ...rule,
            expr: PrometheusRuleSpecGroupsRulesExpr.fromString(rule.expr),
          })),
        })),
      },
    });
  }
}
