import type { ApplicationSpecSyncPolicy } from "../../../imports/argo-cd-application-argoproj.io";

/**
 * Automated sync that removes what Git removed (prune, last) and undoes hand
 * edits (selfHeal); retries with backoff so a webhook or CRD race heals itself.
 */
export function automatedSync(extraOptions: readonly string[]): ApplicationSpecSyncPolicy {
  return {
    automated: { prune: true, selfHeal: true, allowEmpty: false },
    syncOptions: ["PruneLast=true", "RespectIgnoreDifferences=true", ...extraOptions],
    retry: { limit: 5, backoff: { duration: "10s", factor: 2, maxDuration: "5m" } },
  };
}

/** Deleting the Application deletes what it deployed (cascade). */
export const CASCADE_DELETE = ["resources-finalizer.argocd.argoproj.io"];
