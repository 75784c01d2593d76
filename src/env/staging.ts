import { base } from "./base";
import { defineEnv } from "./define-env";
import image from "./images/staging.json";
import infra from "./outputs/staging.json";

/** Staging promotes itself once analysis passes; it scales smaller to save cost. */
export const staging = defineEnv(base, {
  name: "staging",
  namespace: "candlefish-staging",
  infra,
  ingress: { previewHost: "preview.staging.candlefish.ai" },
  domain: "staging.candlefish.ai",
  // Written by `npm run set-image` / `npm run promote`; never edited by hand-made regexes.
  image,
  workloads: {
    website: {
      hpa: { maxReplicas: 6 },
      rollout: { autoPromotionEnabled: true, previewReplicaCount: 1, scaleDownDelaySeconds: 600 },
    },
  },
});
