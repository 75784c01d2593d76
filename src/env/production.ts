import { base } from "./base";
import { defineEnv } from "./define-env";

/** Production waits for `kubectl argo rollouts promote website -n candlefish-production`. */
export const production = defineEnv(base, {
  name: "production",
  namespace: "candlefish-production",
  domain: "candlefish.ai",
  image: { repository: "candlefish/website", tag: "v1.0.0" },
});
