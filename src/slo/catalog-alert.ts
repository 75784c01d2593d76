import { ALERTS, type AlertKey } from "./alert-catalog";
import type { AlertingRule } from "./rule-types";

/** An alerting rule of the alert catalog: its name, severity, texts and runbook come from the catalog entry. */
export function catalogAlert(
  key: AlertKey,
  expr: string,
  forDuration: string,
  props: { readonly runbookUrl: (page: string) => string },
): AlertingRule {
  const entry = ALERTS[key];
  return {
    alert: entry.name,
    expr,
    for: forDuration,
    labels: { severity: entry.severity },
    annotations: {
      summary: entry.summary,
      description: entry.description,
      runbook_url: props.runbookUrl(entry.runbook),
    },
  };
}
