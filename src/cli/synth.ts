import { checkTree, writeTree } from "../render/output";
import { InvalidEnvsError, renderTree } from "../render/plan";

export interface SynthOptions {
  /** Env inputs by name (the registry in src/env, or a test's own). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Envs to render; empty means all, and then stale env folders are pruned. */
  readonly envs: readonly string[];
  readonly outRoot: string;
  readonly check: boolean;
}

export interface Console {
  log(line: string): void;
  error(line: string): void;
}

/** Exit codes: 0 done, 1 drift found by --check, 2 invalid env config. */
export const EXIT = { ok: 0, drift: 1, invalidConfig: 2 } as const;

export function runSynth(options: SynthOptions, out: Console): number {
  const all = options.envs.length === 0;
  const selected = all ? Object.keys(options.inputs) : options.envs;
  let tree: ReturnType<typeof renderTree>;
  try {
    tree = renderTree(options.inputs, selected);
  } catch (error) {
    if (!(error instanceof InvalidEnvsError)) throw error;
    for (const problem of error.problems) out.error(problem);
    out.error(`nothing written: fix the ${error.problems.length === 1 ? "problem" : "problems"} above`);
    return EXIT.invalidConfig;
  }
  const fileCount = [...tree.values()].reduce((sum, files) => sum + files.length, 0);
  if (options.check) {
    const drift = checkTree(options.outRoot, tree, { pruneOtherEnvs: all });
    if (drift.length === 0) {
      out.log(`up to date: ${fileCount} files in ${tree.size} envs match the sources`);
      return EXIT.ok;
    }
    out.error("rendered output differs from the sources (run `npm run synth` and commit the result):");
    for (const { path, change } of drift) out.error(`  ${change.padEnd(7)} ${path}`);
    return EXIT.drift;
  }
  writeTree(options.outRoot, tree, { pruneOtherEnvs: all });
  for (const [env, files] of tree) out.log(`rendered ${options.outRoot}/${env}: ${files.length} files`);
  return EXIT.ok;
}
