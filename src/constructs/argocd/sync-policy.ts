import type { ApplicationSpecSyncPolicy } from "../../../imports/argo-cd-application-argoproj.io";

/**
 * Automated sync that removes what Git removed (prune, last) and undoes hand
 * edits (selfHeal); retries with backoff so a webhook or CRD race heals itself.
 * Only what is out of sync is applied (an image bump applies the Rollout and runs
 * the migration hook, not forty unchanged objects wave by wave).
 * Each retry syncs the newest commit (`refresh`): without it Argo CD retries the
 * failed revision for up to five minutes and the fix or revert pushed meanwhile
 * waits (found by the rehearsal, argo-cd v3.5.1 controller/appcontroller.go,
 * processRequestedAppOperation).
 */
export function automatedSync(extraOptions: readonly string[]): ApplicationSpecSyncPolicy {
  return {
    automated: { prune: true, selfHeal: true, allowEmpty: false },
    syncOptions: ["PruneLast=true", "RespectIgnoreDifferences=true", "ApplyOutOfSyncOnly=true", ...extraOptions],
    retry: { limit: 5, refresh: true, backoff: { duration: "10s", factor: 2, maxDuration: "5m" } },
  };
}

/**
 * Sync waves of the Argo CD objects in argocd/apps: the projects before the Applications that
 * name them (an Application whose project does not exist yet waits for the next resync), the
 * add-ons (CRDs, controllers) before the product.
 */
export const ARGOCD_WAVE = { projects: -2, addOns: -1, product: 0 } as const;
