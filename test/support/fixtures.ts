import { dirname, join } from "node:path";
import { parse } from "yaml";
import { type Manifest, REPO_ROOT } from "../../harness/files";
import type { SynthOptions } from "../../src/cli/synth";
import { type EnvConfig, loadEnvironments, parseEnvConfig } from "../../src/env";
import { renderEnv } from "../../src/render/manifests";

// The checkout's files and their manifests come from the harness; tests keep importing them from here.
export { type Manifest, manifestsIn, REPO_ROOT, tempDir, treeHash } from "../../harness/files";

/** Every env's input as committed: its file plus its image and outputs JSON. */
export const environments = loadEnvironments(REPO_ROOT);

/** A deep copy of an env's input from the registry, safe to mutate. */
export function inputOf(env: string): Record<string, unknown> {
  return structuredClone(environments[env]) as Record<string, unknown>;
}

export function configOf(env: string): EnvConfig {
  return parseEnvConfig(env, inputOf(env));
}

export function manifestsOf(config: EnvConfig): Manifest[] {
  return renderEnv(config).map((file) => parse(file.content) as Manifest);
}

export function find(manifests: Manifest[], kind: string, name: string): Manifest {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind}/${name} rendered`);
  return found;
}

/** Sets a value at a path inside a plain object, creating nothing. */
export function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1];
  if (last === undefined) throw new Error("empty path");
  node[last] = value;
}

/** Synth options writing to `outRoot` with argocd/ beside it, as in the repository. */
export function synthOptions(outRoot: string, extra: Partial<SynthOptions> = {}): SynthOptions {
  return {
    inputs: environments,
    envs: [],
    outRoot,
    argocdRoot: join(dirname(outRoot), "argocd"),
    check: false,
    ...extra,
  };
}
