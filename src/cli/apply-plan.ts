import { dirname, join, relative } from "node:path";
import type { RenderedFile } from "../render/manifests";
import { checkUnits, childDirs, type Drift, type OutputUnit } from "../render/output";
import type { RenderPlan } from "../render/plan";
import { StagedOutput } from "../render/staging";

export interface Console {
  log(line: string): void;
  error(line: string): void;
}

/** Exit codes: 0 done, 1 drift found by --check, 2 invalid env config. */
export const EXIT = { ok: 0, drift: 1, invalidConfig: 2 } as const;

/** Prints every problem with an env's input and says nothing was written: exit 2. */
export function refuse(problems: readonly string[], out: Console): number {
  for (const problem of problems) out.error(problem);
  out.error(`nothing written: fix the ${problems.length === 1 ? "problem" : "problems"} above`);
  return EXIT.invalidConfig;
}

/** Where a plan goes and how. */
export interface PlanTarget {
  readonly outRoot: string;
  readonly argocdRoot: string;
  /** Compare with what is on disk instead of writing. */
  readonly check: boolean;
  /** Every env was rendered: env folders no env renders are stale. */
  readonly all: boolean;
}

function unitsOf(plan: RenderPlan, target: PlanTarget): OutputUnit[] {
  const units: OutputUnit[] = [...plan.envs].map(([env, files]) => ({ dir: join(target.outRoot, env), files }));
  if (plan.argocd !== undefined) units.push({ dir: target.argocdRoot, files: plan.argocd });
  return units;
}

/** What RenderRequest.stageEarly gets: an env rendered while worker threads still render others. */
export type StageEarly = (env: string, files: readonly RenderedFile[]) => void;

/** A synth's writing: folders staged while the render runs, then applyPlan; discard() after, in `finally`. */
export interface PlanWriting {
  readonly stageEarly?: StageEarly;
  apply(plan: RenderPlan, out: Console): number;
  discard(): void;
}

/**
 * Writing for a synth to `target`: an env whose files differ from what is on disk is staged as soon as it is
 * rendered, while worker threads still render others, and applyPlan swaps it in with the rest. Only the
 * writing moves earlier: nothing of the real output changes before every env rendered and passed, and a
 * check stages nothing.
 */
export function planWriting(target: PlanTarget): PlanWriting {
  const early = earlyWrites();
  const stageEarly: StageEarly = (env, files) => {
    const unit = { dir: join(target.outRoot, env), files };
    const drift = checkUnits([unit], [], dirname(target.outRoot));
    early.drift.set(unit.dir, drift);
    if (drift.length > 0) early.staged.stage(unit);
  };
  return {
    stageEarly: target.check ? undefined : stageEarly,
    apply: (plan, out) => applyPlan(plan, target, out, early),
    discard: () => early.staged.discard(),
  };
}

/** Folders staged while the render ran, and the drift each was checked for then (not read again). */
export interface EarlyWrites {
  readonly staged: StagedOutput;
  readonly drift: Map<string, readonly Drift[]>;
}

const earlyWrites = (): EarlyWrites => ({ staged: new StagedOutput(), drift: new Map() });

/**
 * Writes a render plan (staged and swapped in, stale files and folders
 * removed) or, with `check`, compares it with the real output on disk and
 * lists the drift. Folders that already match are not rewritten; `early`
 * holds what was checked and staged while the render ran.
 */
export function applyPlan(
  plan: RenderPlan,
  target: PlanTarget,
  out: Console,
  early: EarlyWrites = earlyWrites(),
): number {
  const units = unitsOf(plan, target);
  const stale = target.all ? childDirs(target.outRoot).filter((dir) => !units.some((unit) => unit.dir === dir)) : [];
  const displayRoot = dirname(target.outRoot);
  const driftByUnit = units.map((unit) => early.drift.get(unit.dir) ?? checkUnits([unit], [], displayRoot));
  const drift = [...driftByUnit.flat(), ...checkUnits([], stale, displayRoot)];
  if (target.check) {
    if (drift.length === 0) {
      const fileCount = units.reduce((sum, unit) => sum + unit.files.length, 0);
      out.log(`up to date: ${fileCount} files in ${units.length} folders match the sources`);
      return EXIT.ok;
    }
    out.error("rendered output differs from the sources (run `npm run synth` and commit the result):");
    for (const { path, change } of drift) out.error(`  ${change.padEnd(7)} ${path}`);
    return EXIT.drift;
  }
  // Reading is cheaper than writing: a folder whose files all match is left as it is, so an edit of one env
  // rewrites that env's folder (and argocd/ when it changed), not every env's.
  const { staged } = early;
  try {
    units.forEach((unit, index) => {
      const changed = (driftByUnit[index] ?? []).length > 0;
      if (changed && !staged.has(unit.dir)) staged.stage(unit);
    });
    if (drift.length > 0) staged.commit(stale);
  } finally {
    staged.discard();
  }
  for (const unit of units) {
    out.log(`rendered ${relative(dirname(target.outRoot), unit.dir)}: ${unit.files.length} files`);
  }
  return EXIT.ok;
}
