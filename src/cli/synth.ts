import { join } from "node:path";
import { delivery } from "../env";
import type { CacheSlot } from "../fast/cached-render";
import { renderLayout } from "../fast/render-key";
import type { RenderWorkers } from "../render/parallel";
import { InvalidEnvsError, type RenderPlan, renderPlan } from "../render/plan";
import { type Console, planWriting, refuse, type StageEarly } from "./apply-plan";

export interface SynthOptions {
  /** Env inputs by name (loadEnvironments, or a test's own). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Envs to render; empty means all: then stale env folders are pruned and argocd/ is rendered too. */
  readonly envs: readonly string[];
  readonly outRoot: string;
  /** Where argocd/ goes; its Applications point at `outRoot` relative to this folder's parent. */
  readonly argocdRoot: string;
  readonly check: boolean;
  /** The delivery config (src/env/delivery.ts unless a test passes its own). */
  readonly delivery?: unknown;
  /** Where to keep a complete render of exactly these inputs (the CLI on the fast path; never a test's own inputs). */
  readonly cache?: CacheSlot;
  /** Worker threads may render envs (only the fast path's bundles can run in a worker). */
  readonly workers?: RenderWorkers;
  /** Envs rendered while workers still render, for staging (RenderRequest.stageEarly). */
  readonly stageEarly?: StageEarly;
}

/**
 * Validates and renders the envs, then writes or checks the output. Every
 * env is validated before anything is written: one invalid env, exit 2,
 * nothing written.
 */
export function runSynth(options: SynthOptions, out: Console): number {
  const { outRoot, argocdRoot, check } = options;
  const writing = planWriting({ outRoot, argocdRoot, check, all: options.envs.length === 0 });
  try {
    const plan = synthPlan({ ...options, stageEarly: writing.stageEarly }, out);
    return typeof plan === "number" ? plan : writing.apply(plan, out);
  } finally {
    writing.discard();
  }
}

/** The render of `options`, kept in the cache when complete; or, after printing every problem, exit 2. */
export function synthPlan(options: SynthOptions, out: Console): RenderPlan | number {
  const all = options.envs.length === 0;
  const layout = renderLayout(options.outRoot, options.argocdRoot);
  let plan: RenderPlan;
  try {
    plan = renderPlan({
      inputs: options.inputs,
      selected: all ? Object.keys(options.inputs) : options.envs,
      workers: options.workers,
      stageEarly: options.stageEarly,
      argocd: all
        ? {
            delivery: options.delivery ?? delivery,
            layout: { distPath: (env) => join(layout.dist, env.name), appsPath: layout.apps },
          }
        : undefined,
    });
  } catch (error) {
    if (!(error instanceof InvalidEnvsError)) throw error;
    return refuse(error.problems, out);
  }
  if (all) options.cache?.store.put(options.cache.key, plan);
  return plan;
}
