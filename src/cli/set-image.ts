import { join } from "node:path";
import { imageReference } from "../constructs/image";
import type { ImageConfig } from "../env";
import { loadEnvironments } from "../env/registry";
import { cachedPlan, cacheSlot } from "../fast/cached-render";
import type { LaunchContext } from "../fast/context";
import { imageFile, imageProblems, readImage, writeImage } from "../release/image-file";
import { stableJson } from "../ssm/outputs-file";
import { applyPlan, type Console } from "./apply-plan";

export interface SetImageOptions {
  readonly env: string;
  readonly tag: string;
  readonly digest?: string;
  /** Repository layout; the CLI passes the real one, tests a copy. */
  readonly repoRoot: string;
  /** A test's own env inputs instead of the repository's (never cached). */
  readonly inputs?: Readonly<Record<string, unknown>>;
  /** On the fast path: the render of the new image may be cached already (an image set back). */
  readonly context?: LaunchContext;
}

/** Exit codes shared by set-image and promote: 0 done, 2 bad input, 3 refused by a release rule. */
export const RELEASE_EXIT = { ok: 0, invalid: 2, refused: 3 } as const;

export const repoPaths = (repoRoot: string) => ({
  repoRoot,
  outRoot: join(repoRoot, "dist"),
  argocdRoot: join(repoRoot, "argocd"),
});

/**
 * Points one env at a new image (tag, optionally pinned by digest), then
 * re-renders. Only the image file and the rendered output change; running it
 * twice changes nothing the second time. Loads the renderer only when the
 * render of the new image is not cached.
 */
export async function runSetImage(options: SetImageOptions, out: Console): Promise<number> {
  const paths = repoPaths(options.repoRoot);
  const inputs = options.inputs ?? loadEnvironments(options.repoRoot);
  if (!(options.env in inputs)) {
    out.error(`env ${options.env}: unknown env; known envs: ${Object.keys(inputs).sort().join(", ")}`);
    return RELEASE_EXIT.invalid;
  }
  const current = readImage(options.repoRoot, options.env);
  const next = {
    repository: current.repository,
    tag: options.tag,
    ...(options.digest ? { digest: options.digest } : {}),
  };
  const problems = imageProblems(options.env, next);
  if (problems.length > 0) {
    for (const problem of problems) out.error(problem);
    out.error("nothing changed");
    return RELEASE_EXIT.invalid;
  }
  const context = options.inputs === undefined ? options.context : undefined;
  const changed = await applyImage(paths, inputs, { env: options.env, current, next }, out, context);
  return changed === undefined ? RELEASE_EXIT.invalid : RELEASE_EXIT.ok;
}

/**
 * Writes an env's image file and re-renders everything with it; says what
 * changed. Returns whether the file changed, or undefined when the render failed.
 */
export async function applyImage(
  paths: ReturnType<typeof repoPaths>,
  inputs: Readonly<Record<string, unknown>>,
  change: { readonly env: string; readonly current: ImageConfig; readonly next: ImageConfig },
  out: Console,
  context?: LaunchContext,
): Promise<boolean | undefined> {
  const { env, current, next } = change;
  // Render first: every env is validated before anything is written, so a failure leaves dist/ and the image file as they were.
  const { outRoot, argocdRoot } = paths;
  const cache = context && cacheSlot(paths, context, new Map([[imageFile(env), stableJson(next)]]));
  let plan = cache && cachedPlan(cache, []);
  if (plan === undefined) {
    context?.rendered();
    const { synthPlan } = await import("./heavy.js");
    const withImage = { ...inputs, [env]: { ...(inputs[env] as object), image: next } };
    const workers = context?.renderWorkers;
    const rendered = synthPlan({ inputs: withImage, envs: [], outRoot, argocdRoot, check: false, cache, workers }, out);
    if (typeof rendered === "number") return undefined;
    plan = rendered;
  }
  applyPlan(
    plan,
    { outRoot, argocdRoot, check: false, all: true },
    { log: () => {}, error: (line) => out.error(line) },
  );
  const changed = writeImage(paths.repoRoot, env, next);
  out.log(
    `${env}: ${changed ? `${imageReference(current)} → ${imageReference(next)}` : `already runs ${imageReference(next)}`}`,
  );
  return changed;
}
