/**
 * Renders every add-on Application in argocd/apps/ with the real helm, offline, the way Argo CD
 * does, and checks it: kubeconform -strict (1.28 and 1.34, no skipped kind), no values key the chart
 * does not know, chart CRDs equal to the ones we validate against. Prints what it rendered and
 * every problem; exits 1 on any problem.
 * Usage: npm run addons [-- <charts folder> [<crd folder>]]   (default ../shared/charts, ../shared/crds)
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadEnvironments } from "../src/env";
import { checkAddOns } from "../src/validate/addons/check";

const chartsDir = resolve(process.argv[2] ?? process.env.CANDLEFISH_CHARTS ?? "../shared/charts");
const crdsDir = resolve(process.argv[3] ?? "../shared/crds");
for (const [what, dir] of [
  ["the upstream Helm charts", chartsDir],
  ["the upstream CRDs", crdsDir],
] as const) {
  if (!existsSync(dir)) {
    console.error(`addons: ${what} are not at ${dir}; pass the folder: npm run addons -- <charts> <crds>`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const cache = execFileSync("bash", ["scripts/tools.sh"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  const toolsReady = performance.now();
  const report = await checkAddOns({
    envs: loadEnvironments(process.cwd()),
    appsDir: resolve("argocd/apps"),
    chartsDir,
    crdsDir,
    helm: join(cache, "bin", "helm"),
    kubeconform: join(cache, "bin", "kubeconform"),
    coreSchemaDir: join(cache, "schemas"),
    kubernetesVersions: ["1.28.0", "1.34.0"],
  });

  for (const { release, objects, crdDifferences } of report.releases) {
    const crds = objects.filter((object) => object.kind === "CustomResourceDefinition").length;
    console.log(
      `${release.application}: ${release.chart} ${release.version}, ${objects.length} objects (${crds} CRDs), ` +
        `${crdDifferences.length} CRD differences`,
    );
  }
  for (const result of report.kubeconform)
    console.log(
      `kubeconform -strict ${result.kubernetesVersion}: ${result.resources} objects, ${result.errors.length} errors`,
    );
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `add-on checks: ${seconds(performance.now() - toolsReady)} (tool lookup ${seconds(toolsReady - started)})`,
  );
  if (report.problems.length > 0) {
    console.error(`\n${report.problems.length} problems:`);
    for (const problem of report.problems) console.error(`- ${problem}`);
    process.exit(1);
  }
}

main().catch((error: Error) => {
  console.error(`addons: ${error.message}`);
  process.exit(1);
});
