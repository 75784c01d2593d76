import { base } from "./base";
import { defineEnv } from "./define-env";

/** Staging promotes itself once analysis passes; it scales smaller to save cost. */
export const staging = defineEnv(base, {
  name: "staging",
  namespace: "candlefish-staging",
  ingress: { previewHost: "preview.staging.candlefish.ai" },
  domain: "staging.candlefish.ai",
  // Release checks and demos, not the public: a tenth of production.
  capacity: { concurrentUsers: 1_000 },
  workloads: {
    website: {
      hpa: { maxReplicas: 6 },
      rollout: { autoPromotionEnabled: true, previewReplicaCount: 1, scaleDownDelaySeconds: 600 },
    },
  },
});
