import { base } from "./base";
import { defineEnv } from "./define-env";
import infra from "./outputs/production.json";

/** Production waits for `kubectl argo rollouts promote website -n candlefish-production`. */
export const production = defineEnv(base, {
  name: "production",
  namespace: "candlefish-production",
  infra,
  ingress: { previewHost: "preview.candlefish.ai" },
  domain: "candlefish.ai",
  image: { repository: "candlefish/website", tag: "v1.0.0" },
});
