import { catalogAlert } from "./catalog-alert";
import type { AlertingRule } from "./rule-types";

export interface OperationalAlertProps {
  readonly namespace: string;
  /** The Rollout and its HPA share the workload's name. */
  readonly workload: string;
  readonly maxPausedMinutes: number;
  readonly runbookUrl: (page: string) => string;
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
    catalogAlert(
      "rolloutDegraded",
      `rollout_info{${rollout}, phase=~"${DEGRADED_PHASES.join("|")}"} == 1`,
      "5m",
      props,
    ),
    // Aborts are events, not states: alert on the count rising, resolve 10 minutes later.
    catalogAlert(
      "rolloutAborted",
      `increase(rollout_events_total{${rollout}, reason="RolloutAborted"}[10m]) > 0`,
      "0s",
      props,
    ),
    catalogAlert(
      "rolloutPausedTooLong",
      `rollout_info{${rollout}, phase="Paused"} == 1`,
      `${props.maxPausedMinutes}m`,
      props,
    ),
    catalogAlert(
      "hpaMaxedOut",
      `kube_horizontalpodautoscaler_status_current_replicas{${hpa}}\n>=\non (namespace, horizontalpodautoscaler) kube_horizontalpodautoscaler_spec_max_replicas{${hpa}}`,
      "15m",
      props,
    ),
    catalogAlert(
      "podCrashLooping",
      `max_over_time(kube_pod_container_status_waiting_reason{namespace="${props.namespace}", reason="CrashLoopBackOff"}[5m]) >= 1`,
      "15m",
      props,
    ),
    catalogAlert(
      "externalSecretNotSynced",
      `externalsecret_status_condition{namespace="${props.namespace}", condition="Ready", status="False"} == 1`,
      "15m",
      props,
    ),
  ];
}
