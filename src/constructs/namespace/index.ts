// The env namespace's guardrails: the restricted Namespace, ResourceQuota and LimitRange, sized by the release peak (peak-pods.ts, which the capacity rules also count). May import: meta/, pod/.
export * from "./peak-pods";
export * from "./resource-budget";
export * from "./restricted-namespace";
