/**
 * Regenerates the typed cdk8s constructs in imports/ from the upstream CRDs.
 * Usage: npm run import [-- <crd folder>]   (default ../shared/crds)
 *
 * One `cdk8s import` per CRD file, each with a module-name prefix: a second
 * import of the same API group without one overwrites the first file.
 */
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

/** The CRD files whose kinds the charts build, by folder under the CRD root. */
const IMPORTED: Record<string, string[]> = {
  "argo-rollouts": [
    "analysis-run-crd.yaml",
    "analysis-template-crd.yaml",
    "cluster-analysis-template-crd.yaml",
    "experiment-crd.yaml",
    "rollout-crd.yaml",
  ],
  "external-secrets": ["externalsecrets.yaml", "secretstores.yaml"],
  "prometheus-operator": ["servicemonitors.yaml", "prometheusrules.yaml"],
  "argo-cd": ["application-crd.yaml", "appproject-crd.yaml"],
};

const crdRoot = resolve(process.argv[2] ?? "../shared/crds");
const cdk8s = resolve("node_modules/.bin/cdk8s");

for (const [folder, files] of Object.entries(IMPORTED)) {
  for (const file of files) {
    const moduleName = `${folder}-${file.replace(/(-crd)?\.yaml$/, "")}`;
    execFileSync(
      cdk8s,
      [
        "import",
        `${moduleName}:=${join(crdRoot, folder, file)}`,
        "--no-check-upgrade",
        "--no-save",
        "-l",
        "typescript",
        "-o",
        "imports",
      ],
      { stdio: "inherit" },
    );
  }
}
