import { imageReference } from "../constructs/meta/image";
import { loadEnvironments } from "../env/registry";
import { cachedPlan, cacheSlot } from "../fast/cached-render";
import type { LaunchContext } from "../fast/context";
import { imageFile, readImage } from "../release/image-file";
import { formatMinutes, soakStart } from "../release/soak";
import { stableJson } from "../ssm/outputs-file";
import { applyPlan, type Console, EXIT } from "./apply-plan";
import { applyImage, RELEASE_EXIT, repoPaths } from "./set-image";

export interface PromoteOptions {
  readonly from: string;
  readonly to: string;
  readonly repoRoot: string;
  readonly ignoreSoak: boolean;
  /** The clock; tests pass their own. */
  readonly now: Date;
  /** A test's own env inputs instead of the repository's (never cached). */
  readonly inputs?: Readonly<Record<string, unknown>>;
  /** On the fast path: the drift check and the render of the new image may come from the cache. */
  readonly context?: LaunchContext;
}

/**
 * Copies the exact image (by digest) the source env runs into the target env
 * and re-renders. Refuses a tag-only image, a source whose committed output
 * drifted from its sources, and an image that has not soaked long enough.
 * A target that already runs the image is left alone: there is nothing to
 * promote, so neither soak time nor a render is needed.
 */
export async function runPromote(options: PromoteOptions, out: Console): Promise<number> {
  const inputs = options.inputs ?? loadEnvironments(options.repoRoot);
  for (const env of [options.from, options.to]) {
    if (!(env in inputs)) {
      out.error(`env ${env}: unknown env; known envs: ${Object.keys(inputs).sort().join(", ")}`);
      return RELEASE_EXIT.invalid;
    }
  }
  const paths = repoPaths(options.repoRoot);
  const image = readImage(options.repoRoot, options.from);
  if (image.digest === undefined) {
    out.error(
      `env ${options.from}: runs ${imageReference(image)}, a tag without a digest; promotion copies the exact image, so pin it first: npm run set-image -- --env ${options.from} --tag ${image.tag} --digest sha256:…`,
    );
    return RELEASE_EXIT.refused;
  }

  // Nothing to promote, so nothing to check either: neither the source's drift nor soak time (and no render).
  const running = readImage(options.repoRoot, options.to);
  if (stableJson(running) === stableJson(image)) {
    out.log(`${options.to}: already runs ${imageReference(image)}`);
    return RELEASE_EXIT.ok;
  }

  const drift: string[] = [];
  const problems: string[] = [];
  const recorder = {
    log: () => {},
    error: (line: string) => (line.startsWith("  ") ? drift.push(line.trim()) : problems.push(line)),
  };
  const context = options.inputs === undefined ? options.context : undefined;
  const { outRoot, argocdRoot } = paths;
  const cached = context && cachedPlan(cacheSlot(paths, context), [options.from]);
  const checked =
    cached === undefined
      ? (await import("./heavy.js")).runSynth(
          { inputs, envs: [options.from], outRoot, argocdRoot, check: true },
          recorder,
        )
      : applyPlan(cached, { outRoot, argocdRoot, check: true, all: false }, recorder);
  if (checked === EXIT.invalidConfig) {
    for (const problem of problems) out.error(problem);
    return RELEASE_EXIT.invalid;
  }
  if (drift.length > 0) {
    out.error(`env ${options.from}: committed dist/ differs from its sources; run npm run synth and commit first:`);
    for (const line of drift) out.error(`  ${line}`);
    return RELEASE_EXIT.refused;
  }

  const { parseEnvConfig } = await import("./heavy.js");
  const target = parseEnvConfig(options.to, inputs[options.to]);
  const required = target.release.requiredSoakMinutes;
  const start = soakStart(options.repoRoot, imageFile(options.from), image.digest);
  const soaked = start === undefined ? 0 : (options.now.getTime() - start.since.getTime()) / 60_000;
  if (soaked < required) {
    const since =
      start === undefined ? "not committed yet" : `since ${start.commit.slice(0, 12)}, ${start.since.toISOString()}`;
    const message = `env ${options.from} has run ${imageReference(image)} for ${formatMinutes(soaked, Math.floor)} (${since}); ${options.to} requires ${formatMinutes(required)}: ${formatMinutes(required - soaked)} remain`;
    if (!options.ignoreSoak) {
      out.error(`${message}. Wait, or pass --ignore-soak (it is printed in the PR).`);
      return RELEASE_EXIT.refused;
    }
    out.error(`WARNING: --ignore-soak: ${message}. Promoting anyway; say why in the PR.`);
  }

  const changed = await applyImage(paths, inputs, { env: options.to, current: running, next: image }, out, context);
  if (changed === undefined) return RELEASE_EXIT.invalid;
  const manualGates = Object.entries(target.workloads).filter(([, w]) => !w.rollout.autoPromotionEnabled);
  for (const [name] of changed ? manualGates : []) {
    out.log(
      `${options.to} image change → after the sync and the pre-promotion gates: kubectl argo rollouts promote ${name} -n ${target.namespace}`,
    );
  }
  return RELEASE_EXIT.ok;
}
