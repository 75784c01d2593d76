/** The env and workload an object belongs to; every label derives from it. */
export interface WorkloadIdentity {
  readonly env: string;
  readonly workload: string;
}

/**
 * Set on pods by Argo Rollouts' active/preview metadata. Ephemeral: the
 * controller rewrites it on promotion, so nothing immutable selects on it.
 */
export const ROLE_LABEL = "candlefish.ai/rollout-role";

export type RolloutRole = "active" | "preview";

/**
 * What identifies a release's pods: Argo Rollouts puts the pod-template hash on every ReplicaSet
 * and pod it creates (v1alpha1.DefaultRolloutUniqueLabelKey) and never changes it. The role label
 * does not follow the traffic: `activeMetadata` is applied to `status.stableRS` only
 * (rollout/ephemeralmetadata.go, reconcileEphemeralMetadata), and stableRS moves to the new
 * ReplicaSet only after post-promotion analysis succeeded (rollout/sync.go, shouldFullPromote), so
 * while that analysis runs the new pods serve all traffic labelled `preview`.
 */
export const POD_TEMPLATE_HASH_LABEL = "rollouts-pod-template-hash";

/**
 * The labels that select a workload's pods. Immutable in a live cluster once
 * applied, so they hold nothing that changes between releases.
 */
export function selectorLabels(id: WorkloadIdentity): Record<string, string> {
  return {
    "app.kubernetes.io/name": id.workload,
    "app.kubernetes.io/instance": `${id.workload}-${id.env}`,
  };
}

/** The recommended `app.kubernetes.io/*` labels every object carries. */
export function commonLabels(id: WorkloadIdentity): Record<string, string> {
  return {
    ...selectorLabels(id),
    "app.kubernetes.io/part-of": "candlefish",
    "app.kubernetes.io/managed-by": "candlefish-gitops",
  };
}
