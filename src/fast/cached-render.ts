import type { RenderPlan } from "../render/plan";
import type { LaunchContext } from "./context";
import { RenderCache } from "./render-cache";
import { renderKey, renderLayout } from "./render-key";

/** Where a complete render of some inputs is, or goes. */
export interface CacheSlot {
  readonly store: RenderCache;
  readonly key: string;
}

/**
 * The cache slot of the working tree's render into `outRoot`/`argocdRoot`,
 * env JSON read from `repoRoot`; `overrides` stands in for files a command is
 * about to write (path → content).
 */
export function cacheSlot(
  request: { readonly repoRoot: string; readonly outRoot: string; readonly argocdRoot: string },
  context: LaunchContext,
  overrides?: ReadonlyMap<string, string>,
): CacheSlot {
  const layout = renderLayout(request.outRoot, request.argocdRoot);
  return {
    store: new RenderCache(context.cacheDir),
    key: renderKey(context.codeKey, request.repoRoot, layout, overrides),
  };
}

/**
 * The cached render, restricted to `envs` (all, and argocd/, when empty);
 * undefined on a miss or when it lacks a requested env (an unknown env is the
 * renderer's to report). `objects`: with the objects files were written from.
 */
export function cachedPlan(slot: CacheSlot, envs: readonly string[], objects = false): RenderPlan | undefined {
  const plan = slot.store.get(slot.key, { objects });
  if (plan === undefined || envs.length === 0) return plan;
  const files = envs.flatMap((env) => {
    const rendered = plan.envs.get(env);
    return rendered === undefined ? [] : [[env, rendered] as const];
  });
  return files.length === envs.length ? { envs: new Map(files) } : undefined;
}
