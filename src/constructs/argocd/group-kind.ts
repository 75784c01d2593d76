/** An API group and kind, as AppProject whitelists name them ("" is the core group). */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/** Kinds that are not namespaced among those this generator emits. */
const CLUSTER_SCOPED = new Set(["Namespace"]);

export interface EmittedKinds {
  readonly namespaced: readonly GroupKind[];
  readonly clusterScoped: readonly GroupKind[];
}

/** The distinct kinds of a set of manifests, sorted, split by scope. */
export function emittedKinds(manifests: readonly { apiVersion: string; kind: string }[]): EmittedKinds {
  const byKey = new Map<string, GroupKind>();
  for (const { apiVersion, kind } of manifests) {
    const group = apiVersion.includes("/") ? (apiVersion.split("/")[0] ?? "") : "";
    byKey.set(`${group}/${kind}`, { group, kind });
  }
  const all = [...byKey.values()].sort((a, b) => `${a.group}/${a.kind}`.localeCompare(`${b.group}/${b.kind}`));
  return {
    namespaced: all.filter((gk) => !CLUSTER_SCOPED.has(gk.kind)),
    clusterScoped: all.filter((gk) => CLUSTER_SCOPED.has(gk.kind)),
  };
}
