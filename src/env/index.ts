import { type DeliveryConfig, deliverySchema } from "./delivery";
import { EnvConfigError, formatIssue } from "./errors";
import { type EnvConfig, envConfigSchema } from "./schema";

export type { AnalysisConfig, MeasurementConfig } from "./analysis-schema";
export type { DeliveryConfig } from "./delivery";
export { delivery, deliverySchema } from "./delivery";
export { EnvConfigError, isEnvConfigError } from "./errors";
export type { ImageConfig } from "./image-schema";
export type { MonitoringConfig } from "./monitoring-schema";
export { ENV_NAMES, loadEnvironments } from "./registry";
export type { EnvConfig, EnvConfigInput, WorkloadConfig } from "./schema";

/** Validates one env's input; throws EnvConfigError listing every problem. */
export function parseEnvConfig(env: string, input: unknown): EnvConfig {
  const result = envConfigSchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    throw new EnvConfigError(
      env,
      result.error.issues.map((issue) => formatIssue(`env ${env}`, issue)),
    );
  }
  if (result.data.name !== env) {
    throw new EnvConfigError(env, [
      `env ${env}: name: must equal the env's key "${env}" (got ${JSON.stringify(result.data.name)})`,
    ]);
  }
  return result.data;
}

/** Validates the delivery config; throws EnvConfigError (subject "delivery") listing every problem. */
export function parseDeliveryConfig(input: unknown): DeliveryConfig {
  const result = deliverySchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    throw new EnvConfigError(
      "delivery",
      result.error.issues.map((issue) => formatIssue("delivery", issue)),
    );
  }
  return result.data;
}
