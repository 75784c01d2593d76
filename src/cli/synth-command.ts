import { isEnvConfigError } from "../env/errors";
import { cachedPlan, cacheSlot } from "../fast/cached-render";
import type { LaunchContext } from "../fast/context";
import type { RenderPlan } from "../render/plan";
import { type Console, planWriting, refuse, type StageEarly } from "./apply-plan";

/** What to render: the working tree's envs, laid out for `outRoot` and `argocdRoot`. */
export interface RenderRequest {
  /** Where the env JSON is read from (the working directory). */
  readonly repoRoot: string;
  /** Envs to render; empty means all (and argocd/). */
  readonly envs: readonly string[];
  readonly outRoot: string;
  readonly argocdRoot: string;
  /** The files should carry the objects they were written from (a review compares those). */
  readonly objects?: boolean;
}

export interface SynthRequest extends RenderRequest {
  readonly check: boolean;
}

/**
 * The working tree's render. On the fast path (a launch context) a render
 * of exactly these inputs (code, env JSON and layout, by content) is taken
 * from the cache without loading the renderer. Otherwise the renderer runs,
 * and the cache keeps its complete renders. Exit 2 (after printing every
 * problem) for an invalid input.
 */
export async function renderWorkingTree(
  request: RenderRequest,
  context: LaunchContext | undefined,
  out: Console,
  stageEarly?: StageEarly,
): Promise<RenderPlan | number> {
  const cache = context === undefined ? undefined : cacheSlot(request, context);
  // CANDLEFISH_RENDER=1 renders even when a cached render exists (benchmarks, or doubting the cache); it still stores it.
  const plan =
    cache === undefined || process.env.CANDLEFISH_RENDER ? undefined : cachedPlan(cache, request.envs, request.objects);
  if (plan !== undefined) return plan;

  // Loaded only now: a cached render needs neither cdk8s nor zod.
  context?.rendered();
  const { synthPlan, loadEnvironments } = await import("./heavy.js");
  let inputs: Record<string, unknown>;
  try {
    inputs = loadEnvironments(request.repoRoot);
  } catch (error) {
    if (!isEnvConfigError(error)) throw error;
    return refuse(error.problems, out);
  }
  const { envs, outRoot, argocdRoot } = request;
  const workers = context?.renderWorkers;
  return synthPlan({ inputs, envs, outRoot, argocdRoot, check: false, cache, workers, stageEarly }, out);
}

/** `synth` and `synth --check`: the working tree's render, written, or compared with the real output on disk. */
export async function synthCommand(request: SynthRequest, context: LaunchContext | undefined, out: Console) {
  const { outRoot, argocdRoot, check } = request;
  const writing = planWriting({ outRoot, argocdRoot, check, all: request.envs.length === 0 });
  try {
    const plan = await renderWorkingTree(request, context, out, writing.stageEarly);
    return typeof plan === "number" ? plan : writing.apply(plan, out);
  } finally {
    writing.discard();
  }
}
