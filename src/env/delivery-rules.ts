import type { DeliveryConfig } from "./delivery";
import type { EnvConfig } from "./schema";

/**
 * The delivery policy's manual gate: every workload of an env in `manualPromotionEnvs` waits for a
 * person. Checked at render time, so a flipped flag in production fails the PR instead of shipping.
 */
export function manualGateProblems(delivery: DeliveryConfig, envs: readonly EnvConfig[]): string[] {
  return envs
    .filter((env) => delivery.manualPromotionEnvs.includes(env.name))
    .flatMap((env) =>
      Object.entries(env.workloads)
        .filter(([, workload]) => workload.rollout.autoPromotionEnabled)
        .map(
          ([name]) =>
            `env ${env.name}: workloads.${name}.rollout.autoPromotionEnabled: must be false: the delivery policy ` +
            `(src/env/delivery.ts manualPromotionEnvs = ${JSON.stringify(delivery.manualPromotionEnvs)}) ` +
            "requires a manual promotion in this env (got true)",
        ),
    );
}
