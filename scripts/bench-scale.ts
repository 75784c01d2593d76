/**
 * Scaling probe for the benchmark: renders a generated config with N
 * workloads in each of M envs (all of dist/ and argocd/) into a temp folder.
 * Usage: node <bundle> <N> <M>   (bundled by scripts/bench-render.ts)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runSynth } from "../src/cli/synth";
import { loadEnvironments } from "../src/env";

const [workloads = 1, envCount = 2] = process.argv.slice(2).map(Number);
const template = structuredClone(loadEnvironments(process.cwd()).production) as Record<string, Record<string, unknown>>;
const website = (template.workloads as Record<string, unknown>).website;
const inputs: Record<string, unknown> = {};
for (let e = 1; e <= envCount; e += 1) {
  const names = Array.from({ length: workloads }, (_, w) => `web-${w + 1}`);
  inputs[`env-${e}`] = {
    ...template,
    name: `env-${e}`,
    namespace: `candlefish-env-${e}`,
    workloads: Object.fromEntries(names.map((name) => [name, website])),
    infra: {
      ...template.infra,
      clusterName: `candlefish-env-${e}`,
      workloadRoleArns: Object.fromEntries(names.map((name) => [name, `arn:aws:iam::123456789012:role/${name}`])),
    },
  };
}
const root = mkdtempSync(join(tmpdir(), "candlefish-scale-"));
const code = runSynth(
  { inputs, envs: [], outRoot: join(root, "dist"), argocdRoot: join(root, "argocd"), check: false },
  { log: () => {}, error: (line) => console.error(line) },
);
rmSync(root, { recursive: true, force: true });
process.exitCode = code;
