import { ALERTS, type AlertKey } from "./alert-catalog";
import type { AlertingRule } from "./rule-types";

export interface OperationalAlertProps {
  readonly namespace: string;
  /** The Rollout and its HPA share the workload's name. */
  readonly workload: string;
  readonly maxPausedMinutes: number;
  readonly runbookUrl: (page: string) => string;
}

function alert(key: AlertKey, expr: string, forDuration: string, props: OperationalAlertProps): AlertingRule {
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

/**
 * The `rollout_info` phases of a Rollout the Argo CD UI shows as Degraded. v1.9.1 exports only
 * Progressing, Completed, Paused, Timeout, Error, Abort and InvalidSpec (controller/metrics/rollouts.go,
 * calculatePhase): there is no "Degraded" phase to match.
 */
export const DEGRADED_PHASES = ["Abort", "Error", "Timeout", "InvalidSpec"] as const;

/**
 * What the SLO alerts cannot see coming: a release stuck or failed (Argo
 * Rollouts controller metrics), no headroom left (kube-state-metrics), pods
 * dying, secrets going stale (External Secrets metrics).
 */
export function operationalAlerts(props: OperationalAlertProps): AlertingRule[] {
  const rollout = `namespace="${props.namespace}", name="${props.workload}"`;
  const hpa = `namespace="${props.namespace}", horizontalpodautoscaler="${props.workload}"`;
  return [
    alert("rolloutDegraded", `rollout_info{${rollout}, phase=~"${DEGRADED_PHASES.join("|")}"} == 1`, "5m", props),
    // Aborts are events, not states: alert on the count rising, resolve 10 minutes later.
    alert(
      "rolloutAborted",
      `increase(rollout_events_total{${rollout}, reason="RolloutAborted"}[10m]) > 0`,
      "0s",
      props,
    ),
    alert("rolloutPausedTooLong", `rollout_info{${rollout}, phase="Paused"} == 1`, `${props.maxPausedMinutes}m`, props),
    alert(
      "hpaMaxedOut",
      `kube_horizontalpodautoscaler_status_current_replicas{${hpa}}\n>=\non (namespace, horizontalpodautoscaler) kube_horizontalpodautoscaler_spec_max_replicas{${hpa}}`,
      "15m",
      props,
    ),
    alert(
      "podCrashLooping",
      `max_over_time(kube_pod_container_status_waiting_reason{namespace="${props.namespace}", reason="CrashLoopBackOff"}[5m]) >= 1`,
      "15m",
      props,
    ),
    alert(
      "externalSecretNotSynced",
      `externalsecret_status_condition{namespace="${props.namespace}", condition="Ready", status="False"} == 1`,
      "15m",
      props,
    ),
  ];
}
