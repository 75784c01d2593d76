// The env namespace's guardrails: the restricted Namespace, ResourceQuota and LimitRange. May import: meta/, pod/.
export * from "./resource-budget";
export * from "./restricted-namespace";
