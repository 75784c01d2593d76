/**
 * Regenerates the typed cdk8s constructs in imports/ from the upstream CRDs.
 * Usage: npm run import [-- <crd folder>]   (default ../shared/crds)
 *
 * One `cdk8s import` per CRD file, each with a module-name prefix: a second
 * import of the same API group without one overwrites the first file.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";

/** The CRD folders whose kinds the charts build. */
const IMPORTED_FOLDERS = ["argo-rollouts"];

const crdRoot = resolve(process.argv[2] ?? "../shared/crds");
const cdk8s = resolve("node_modules/.bin/cdk8s");

for (const folder of IMPORTED_FOLDERS) {
  for (const file of readdirSync(join(crdRoot, folder))
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
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
