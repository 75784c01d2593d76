// The hardened building blocks of every pod: container budgets, hardened containers and Jobs, scratch volumes, drain timing. May import: meta/, secrets/.
export * from "./container-budget";
export * from "./drain-timing";
export * from "./hardened-container";
export * from "./hardened-job";
export * from "./scratch";
