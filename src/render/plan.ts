import { EnvConfigError, parseEnvConfig } from "../env";
import { type RenderedFile, renderEnv } from "./manifests";

/** The whole output tree: env name to its files. */
export type RenderedTree = ReadonlyMap<string, readonly RenderedFile[]>;

/** Thrown when one or more envs are invalid; carries every problem of every env. */
export class InvalidEnvsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "InvalidEnvsError";
  }
}

/**
 * Validates every selected env before rendering any: one bad env fails the
 * whole run, so nothing is written and the user sees all problems at once.
 */
export function renderTree(inputs: Readonly<Record<string, unknown>>, selected: readonly string[]): RenderedTree {
  const problems: string[] = [];
  const configs = [];
  for (const env of selected) {
    if (!(env in inputs)) {
      problems.push(`env ${env}: unknown env; known envs: ${Object.keys(inputs).sort().join(", ")}`);
      continue;
    }
    try {
      configs.push(parseEnvConfig(env, inputs[env]));
    } catch (error) {
      if (!(error instanceof EnvConfigError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new InvalidEnvsError(problems);
  return new Map(configs.map((config) => [config.name, renderEnv(config)]));
}
