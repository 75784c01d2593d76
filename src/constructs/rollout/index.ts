// The website's workload: the blue/green Rollout, its pod template, HPA and PodDisruptionBudget. May import: meta/, pod/, secrets/, network/, analysis/.
export * from "./blue-green-rollout";
export * from "./disruption-budget";
export * from "./pod-template";
export * from "./rollout-autoscaler";
