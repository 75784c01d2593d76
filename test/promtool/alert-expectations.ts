import type { EnvConfig } from "../../src/env";
import { ALERTS, type AlertKey } from "../../src/slo/alert-catalog";

/** Expands the `{{ $labels.x }}` forms the alert catalog uses, as Prometheus would. */
export function expandTemplate(text: string, labels: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_match, name: string) => labels[name] ?? "");
}

/** What promtool must see for one firing alert: labels from the series plus the catalog's. */
export function firing(env: EnvConfig, key: AlertKey, seriesLabels: Record<string, string>) {
  const alert = ALERTS[key];
  const labels = { ...seriesLabels, severity: alert.severity };
  return {
    exp_labels: labels,
    exp_annotations: {
      summary: expandTemplate(alert.summary, labels),
      description: expandTemplate(alert.description, labels),
      runbook_url: `${env.monitoring.runbookBaseUrl}/${alert.runbook}.md`,
    },
  };
}

/** One evaluation: at `at`, alert `key` fires with these alerts, or none (`[]`). */
export function expectAt(at: string, key: AlertKey, alerts: ReturnType<typeof firing>[]) {
  return { eval_time: at, alertname: ALERTS[key].name, exp_alerts: alerts };
}
