/**
 * Scaling probe: renders N workloads in each of M generated envs (every env
 * and argocd/) into a temp folder, the way `npm run synth` renders on a
 * cache miss: the renderer bundle loaded with its code cache, envs split
 * between worker threads. Bundled by scripts/bench/main.ts.
 * Usage: node scale-probe.cjs <N> <M> <heavy.cjs> <render-worker.cjs> <out folder>
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { loadBundle } from "../../bin/load-bundle.cjs";
import { generatedEnvs } from "../../harness/generated-envs";
import type * as Heavy from "../../src/cli/heavy";

const [workloads = "1", envs = "2", bundle = "", script = "", root = "scale-out"] = process.argv.slice(2);
const heavy = loadBundle(bundle, createRequire(bundle)).exports as unknown as typeof Heavy;
const inputs = generatedEnvs(heavy.loadEnvironments(process.cwd()).production, Number(workloads), Number(envs));
process.exitCode = heavy.runSynth(
  {
    inputs,
    envs: [],
    outRoot: join(root, "dist"),
    argocdRoot: join(root, "argocd"),
    check: false,
    workers: { script, bundle },
  },
  { log: () => {}, error: (line) => console.error(line) },
);
