import { appendFileSync, existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../bin/build.cjs";
import { codeFileIds, keyOf } from "../../bin/fingerprint.cjs";
import { generatedEnvs } from "../../harness/generated-envs";
import type * as Heavy from "../../src/cli/heavy";
import { MIN_PARALLEL_WORKLOADS } from "../../src/render/parallel";
import { environments, REPO_ROOT, tempDir, treeHash } from "../support/fixtures";

/** Workers run bundles, not TypeScript: this spec uses the launcher's build of this code (made if missing). */
let heavy: typeof Heavy;
let bundle: string;

beforeAll(async () => {
  const buildDir = join(REPO_ROOT, ".cache", "candlefish", "builds", keyOf("code", codeFileIds(REPO_ROOT)));
  if (!existsSync(join(buildDir, "cli.cjs"))) await build(REPO_ROOT, buildDir);
  bundle = join(buildDir, "heavy.cjs");
  heavy = createRequire(bundle)(bundle) as typeof Heavy;
}, 120_000);

describe("rendering envs in worker threads", () => {
  it("renders byte for byte what one thread renders, argocd/ included", () => {
    // GIVEN enough envs and workloads that the render is split between threads
    const inputs = generatedEnvs(environments.production, MIN_PARALLEL_WORKLOADS / 2, 4);
    const plan = (workers?: Heavy.RenderWorkers) => {
      const options = { inputs, envs: [], outRoot: "out/dist", argocdRoot: "out/argocd", check: false, workers };
      return heavy.synthPlan(options, { log: () => {}, error: (line) => expect.fail(line) });
    };
    // WHEN it is rendered with workers and without THEN both write the same files, in the same order
    const written = (rendered: ReturnType<typeof plan>) => {
      if (typeof rendered === "number") throw new Error(`render failed: exit ${rendered}`);
      const texts = (files: readonly Heavy.RenderedFile[]) => files.map(({ name, content }) => ({ name, content }));
      return {
        envs: [...rendered.envs].map(([env, files]) => [env, texts(files)]),
        argocd: texts(rendered.argocd ?? []),
      };
    };
    expect(written(plan({ script: join(REPO_ROOT, "bin/render-worker.cjs"), bundle }))).toEqual(written(plan()));
  }, 120_000);

  const workersOf = (bundlePath: string): Heavy.RenderWorkers => ({
    script: join(REPO_ROOT, "bin/render-worker.cjs"),
    bundle: bundlePath,
  });
  const synthInto = (root: string, workers?: Heavy.RenderWorkers) => {
    const inputs = generatedEnvs(environments.production, MIN_PARALLEL_WORKLOADS / 2, 4);
    const options = {
      inputs,
      envs: [],
      outRoot: join(root, "dist"),
      argocdRoot: join(root, "argocd"),
      check: false,
      workers,
    };
    return heavy.runSynth(options, { log: () => {}, error: () => {} });
  };

  it("writes with workers what one thread writes, staging this thread's envs while the workers render", () => {
    // GIVEN a split render WHEN synth writes it (this thread stages its envs before the workers answer)
    const [parallel, single] = [tempDir("parallel"), tempDir("single")];
    expect(synthInto(parallel, workersOf(bundle))).toBe(0);
    expect(synthInto(single)).toBe(0);
    // THEN the output is the same, with no staging folder left beside it
    expect(treeHash(parallel)).toBe(treeHash(single));
    expect(readdirSync(parallel).sort()).toEqual(["argocd", "dist"]);
    expect(readdirSync(join(parallel, "dist")).filter((name) => name.startsWith("."))).toEqual([]);
  }, 120_000);

  it("changes nothing when a worker fails after this thread staged its envs", () => {
    // GIVEN rendered output that every env's render changes (a hand edit in each env folder), and a worker
    // that cannot load its renderer
    const root = tempDir("worker-fails");
    expect(synthInto(root)).toBe(0);
    for (const env of readdirSync(join(root, "dist"))) {
      appendFileSync(join(root, "dist", env, "rollout-web-1.yaml"), "# hand edit\n");
    }
    const before = treeHash(root);
    // WHEN synth renders with it THEN it fails, and the output and its folder are as they were
    expect(() => synthInto(root, workersOf(join(root, "missing-bundle.cjs")))).toThrow(/render worker 1 failed/);
    expect(treeHash(root)).toBe(before);
    expect(readdirSync(join(root, "dist")).filter((name) => name.startsWith("."))).toEqual([]);
  }, 120_000);
});
