import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { RenderedTree } from "./plan";

export interface OutputOptions {
  /** Remove (or, in check mode, report) env folders that no env renders any more. */
  readonly pruneOtherEnvs: boolean;
}

/** Env folders currently in the output root; dot-folders are not envs. */
function existingEnvDirs(outRoot: string): string[] {
  if (!existsSync(outRoot)) return [];
  return readdirSync(outRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => entry.name);
}

/**
 * Writes the tree into a sibling staging folder, then swaps each env folder in
 * with renames on the same file system. Stale files vanish with the old
 * folder. If a swap fails, the folders already swapped are put back.
 */
export function writeTree(outRoot: string, tree: RenderedTree, options: OutputOptions): void {
  const stage = join(dirname(outRoot), `.${basename(outRoot)}.render-${process.pid}`);
  rmSync(stage, { recursive: true, force: true });
  try {
    for (const [env, files] of tree) {
      mkdirSync(join(stage, "new", env), { recursive: true });
      for (const file of files) writeFileSync(join(stage, "new", env, file.name), file.content);
    }
    mkdirSync(join(stage, "old"), { recursive: true });
    mkdirSync(outRoot, { recursive: true });
    const stale = options.pruneOtherEnvs ? existingEnvDirs(outRoot).filter((env) => !tree.has(env)) : [];
    const moved: { from: string; to: string }[] = [];
    const move = (from: string, to: string) => {
      renameSync(from, to);
      moved.push({ from, to });
    };
    try {
      for (const env of [...tree.keys(), ...stale]) {
        if (existsSync(join(outRoot, env))) move(join(outRoot, env), join(stage, "old", env));
        if (tree.has(env)) move(join(stage, "new", env), join(outRoot, env));
      }
    } catch (error) {
      for (const { from, to } of moved.reverse()) renameSync(to, from);
      throw error;
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

export interface Drift {
  readonly path: string;
  readonly change: "missing" | "stale" | "changed";
}

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** Compares the output root with a fresh render without writing anything. */
export function checkTree(outRoot: string, tree: RenderedTree, options: OutputOptions): Drift[] {
  const drift: Drift[] = [];
  const at = (env: string, name: string) => join(basename(outRoot), env, name);
  for (const [env, files] of tree) {
    const rendered = new Map(files.map((file) => [file.name, file.content]));
    for (const [name, content] of rendered) {
      const path = join(outRoot, env, name);
      if (!existsSync(path)) drift.push({ path: at(env, name), change: "missing" });
      else if (readFileSync(path, "utf8") !== content) drift.push({ path: at(env, name), change: "changed" });
    }
    for (const name of filesIn(join(outRoot, env))) {
      if (!rendered.has(name)) drift.push({ path: at(env, name), change: "stale" });
    }
  }
  if (options.pruneOtherEnvs) {
    for (const env of existingEnvDirs(outRoot).filter((name) => !tree.has(name))) {
      for (const name of filesIn(join(outRoot, env))) drift.push({ path: at(env, name), change: "stale" });
    }
  }
  return drift;
}
