import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { parse, parseAllDocuments } from "yaml";
import type { SynthOptions } from "../../src/cli/synth";
import { type EnvConfig, loadEnvironments, parseEnvConfig } from "../../src/env";
import { renderEnv } from "../../src/render/manifests";
import { filesBelow } from "../../src/render/output";

/** This checkout: the committed env JSON (images, infra outputs) is read from here. */
export const REPO_ROOT = join(__dirname, "..", "..");

/** Every env's input as committed: its file plus its image and outputs JSON. */
export const environments = loadEnvironments(REPO_ROOT);

/** A deep copy of an env's input from the registry, safe to mutate. */
export function inputOf(env: string): Record<string, unknown> {
  return structuredClone(environments[env]) as Record<string, unknown>;
}

export function configOf(env: string): EnvConfig {
  return parseEnvConfig(env, inputOf(env));
}

/** Loose view of a rendered manifest: tests assert on fields, not types. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary YAML paths.
export type Manifest = Record<string, any>;

export function manifestsOf(config: EnvConfig): Manifest[] {
  return renderEnv(config).map((file) => parse(file.content) as Manifest);
}

/** Every object in the YAML files below a folder (dist/, argocd/, a CRD folder), in file order. */
export function manifestsIn(dir: string): Manifest[] {
  return filesBelow(dir)
    .filter((name) => name.endsWith(".yaml"))
    .flatMap((name) => parseAllDocuments(readFileSync(join(dir, name), "utf8")).map((doc) => doc.toJS() as Manifest))
    .filter((manifest) => manifest !== null);
}

export function find(manifests: Manifest[], kind: string, name: string): Manifest {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind}/${name} rendered`);
  return found;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `candlefish-${prefix}-`));
}

/** One hash over every file's path and bytes below a folder. */
export function treeHash(root: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(`${relative(root, path)}\0`).update(readFileSync(path));
    }
  };
  walk(root);
  return hash.digest("hex");
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
