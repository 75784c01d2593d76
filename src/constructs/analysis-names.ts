import type { WorkloadIdentity } from "./labels";

/** Template names the Rollout and the analysis chart agree on. */
export function analysisTemplateNames(identity: WorkloadIdentity) {
  return {
    prePromotion: `${identity.workload}-pre-promotion`,
    postPromotion: `${identity.workload}-post-promotion`,
  };
}

/** The args every template declares; the Rollout passes their values. */
export const ANALYSIS_ARGS = {
  namespace: "namespace",
  metricsService: "metrics-service",
  /** The new ReplicaSet's hash: `valueFrom.podTemplateHashValue: Latest`, in both analyses. */
  podTemplateHash: "pod-template-hash",
  previewService: "preview-service",
} as const;
