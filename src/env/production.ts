import { base } from "./base";
import { defineEnv } from "./define-env";

/** Production waits for `kubectl argo rollouts promote website -n candlefish-production`. */
export const production = defineEnv(base, {
  name: "production",
  namespace: "candlefish-production",
  // An image reaches production only after running this long in staging (promote checks Git history).
  release: { requiredSoakMinutes: 24 * 60 },
  ingress: { previewHost: "preview.candlefish.ai" },
  domain: "candlefish.ai",
  // Production's critical alerts page the on-call engineer; staging's go to the chat channel.
  monitoring: { alerting: { pager: true, chatChannel: "#candlefish-production" } },
});
