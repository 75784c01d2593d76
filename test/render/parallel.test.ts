import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../bin/build.cjs";
import { codeFileIds, keyOf } from "../../bin/fingerprint.cjs";
import { generatedEnvs } from "../../harness/generated-envs";
import type * as Heavy from "../../src/cli/heavy";
import { MIN_PARALLEL_WORKLOADS } from "../../src/render/parallel";
import { environments, REPO_ROOT } from "../support/fixtures";

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
});
