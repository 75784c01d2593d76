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
