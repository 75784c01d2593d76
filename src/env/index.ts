import { join } from "node:path";
import { IMAGES_DIR, OUTPUTS_DIR, readCommittedJson } from "./committed-json";
import { type DeliveryConfig, deliverySchema } from "./delivery";
import { EnvConfigError, formatIssue, isEnvConfigError } from "./errors";
import { production } from "./production";
import { type EnvConfig, envConfigSchema } from "./schema";
import { staging } from "./staging";

export type { AnalysisConfig, MeasurementConfig } from "./analysis-schema";
export type { DeliveryConfig } from "./delivery";
export { delivery, deliverySchema } from "./delivery";
export { EnvConfigError, isEnvConfigError } from "./errors";
export type { ImageConfig } from "./image-schema";
export type { MonitoringConfig } from "./monitoring-schema";
export type { EnvConfig, EnvConfigInput, WorkloadConfig } from "./schema";

/** Every env this repo renders, by the name of its dist/ folder: what its file says (only what differs from base). */
const envFiles: Readonly<Record<string, unknown>> = { staging, production };

/** The names of the envs this repo renders. */
export const ENV_NAMES: readonly string[] = Object.keys(envFiles);

/**
 * Every env's input: its file, plus the JSON automation commits for it
 * (image, infra outputs), read now from `repoRoot`. Unchecked: parseEnvConfig
 * validates. Throws EnvConfigError listing every unreadable file.
 */
export function loadEnvironments(repoRoot: string): Record<string, unknown> {
  const problems: string[] = [];
  const read = (file: string, env: string) => {
    try {
      return readCommittedJson(repoRoot, file, env);
    } catch (error) {
      if (!isEnvConfigError(error)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const inputs = Object.fromEntries(
    Object.entries(envFiles).map(([env, input]) => [
      env,
      {
        ...(input as object),
        infra: read(join(OUTPUTS_DIR, `${env}.json`), env),
        image: read(join(IMAGES_DIR, `${env}.json`), env),
      },
    ]),
  );
  if (problems.length > 0) throw new EnvConfigError("envs", problems);
  return inputs;
}

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
