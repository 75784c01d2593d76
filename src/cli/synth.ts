import { dirname, join, relative } from "node:path";
import { delivery } from "../env";
import { checkUnits, childDirs, type OutputUnit, writeUnits } from "../render/output";
import { InvalidEnvsError, type RenderPlan, renderPlan } from "../render/plan";

export interface SynthOptions {
  /** Env inputs by name (the registry in src/env, or a test's own). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Envs to render; empty means all: then stale env folders are pruned and argocd/ is rendered too. */
  readonly envs: readonly string[];
  readonly outRoot: string;
  /** Where argocd/ goes; its Applications point at `outRoot` relative to this folder's parent. */
  readonly argocdRoot: string;
  readonly check: boolean;
  /** The delivery config (src/env/delivery.ts unless a test passes its own). */
  readonly delivery?: unknown;
}

export interface Console {
  log(line: string): void;
  error(line: string): void;
}

/** Exit codes: 0 done, 1 drift found by --check, 2 invalid env config. */
export const EXIT = { ok: 0, drift: 1, invalidConfig: 2 } as const;

function unitsOf(plan: RenderPlan, options: SynthOptions): OutputUnit[] {
  const units: OutputUnit[] = [...plan.envs].map(([env, files]) => ({ dir: join(options.outRoot, env), files }));
  if (plan.argocd !== undefined) units.push({ dir: options.argocdRoot, files: plan.argocd });
  return units;
}

/** Prints every problem with an env's input and says nothing was written: exit 2. */
export function refuse(problems: readonly string[], out: Console): number {
  for (const problem of problems) out.error(problem);
  out.error(`nothing written: fix the ${problems.length === 1 ? "problem" : "problems"} above`);
  return EXIT.invalidConfig;
}

export function runSynth(options: SynthOptions, out: Console): number {
  const all = options.envs.length === 0;
  const selected = all ? Object.keys(options.inputs) : options.envs;
  const repoRoot = dirname(options.argocdRoot);
  let plan: RenderPlan;
  try {
    plan = renderPlan({
      inputs: options.inputs,
      selected,
      argocd: all
        ? {
            delivery: options.delivery ?? delivery,
            layout: {
              distPath: (env) => relative(repoRoot, join(options.outRoot, env.name)),
              appsPath: relative(repoRoot, join(options.argocdRoot, "apps")),
            },
          }
        : undefined,
    });
  } catch (error) {
    if (!(error instanceof InvalidEnvsError)) throw error;
    return refuse(error.problems, out);
  }
  const units = unitsOf(plan, options);
  const stale = all ? childDirs(options.outRoot).filter((dir) => !units.some((unit) => unit.dir === dir)) : [];
  const fileCount = units.reduce((sum, unit) => sum + unit.files.length, 0);
  if (options.check) {
    const drift = checkUnits(units, stale, dirname(options.outRoot));
    if (drift.length === 0) {
      out.log(`up to date: ${fileCount} files in ${units.length} folders match the sources`);
      return EXIT.ok;
    }
    out.error("rendered output differs from the sources (run `npm run synth` and commit the result):");
    for (const { path, change } of drift) out.error(`  ${change.padEnd(7)} ${path}`);
    return EXIT.drift;
  }
  writeUnits(units, stale);
  for (const unit of units)
    out.log(`rendered ${relative(dirname(options.outRoot), unit.dir)}: ${unit.files.length} files`);
  return EXIT.ok;
}
