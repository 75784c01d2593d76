/** The annotation that sets Argo CD sync options on one object. */
export const SYNC_OPTIONS_ANNOTATION = "argocd.argoproj.io/sync-options";

/**
 * What Argo CD never deletes: not when it disappears from Git (Prune=false), not when its
 * Application is deleted with cascade (Delete=false). For objects whose loss takes everything
 * else with it: a Namespace deletes every object in it, a CRD every custom resource of its kind.
 * (Argo CD ignores Helm's `helm.sh/resource-policy: keep`.)
 */
export const NEVER_DELETE = { [SYNC_OPTIONS_ANNOTATION]: "Prune=false,Delete=false" } as const;
