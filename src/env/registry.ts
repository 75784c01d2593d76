import { join } from "node:path";
import { IMAGES_DIR, OUTPUTS_DIR, readCommittedJson } from "./committed-json";
import { EnvConfigError, isEnvConfigError } from "./errors";
import { production } from "./production";
import { staging } from "./staging";

// The registry is data and deepmerge: no zod. A command that only reads env JSON or a cached render
// (set-image and promote on the fast path) loads it without the schema.

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
