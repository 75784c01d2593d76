/**
 * Regenerates the typed cdk8s constructs in imports/ from the upstream CRDs.
 * Usage: npm run import [-- <crd folder>]   (default ../shared/crds)
 *
 * Only the kinds the charts build, at the one version they build: a CRD with
 * several versions is narrowed to that version first (cdk8s import emits a
 * class per version, e.g. `ExternalSecretV1Beta1`, that nothing would use).
 * One `cdk8s import` per CRD file, each with a module-name prefix: a second
 * import of the same API group without one overwrites the first file.
 * test/imports.test.ts fails when imports/ holds a kind nothing imports.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse, stringify } from "yaml";
import { IMPORTED_CRDS } from "./imported-crds";

interface CrdDocument {
  spec: { versions: { name: string }[] };
}

const crdRoot = resolve(process.argv[2] ?? "../shared/crds");
const cdk8s = resolve("node_modules/.bin/cdk8s");
const scratch = mkdtempSync(join(tmpdir(), "candlefish-import-"));

try {
  for (const { folder, file, version } of IMPORTED_CRDS) {
    const crd = parse(readFileSync(join(crdRoot, folder, file), "utf8")) as CrdDocument;
    const kept = crd.spec.versions.filter((candidate) => candidate.name === version);
    if (kept.length !== 1) throw new Error(`${folder}/${file} has no version ${version}`);
    crd.spec.versions = kept;
    const moduleName = `${folder}-${file.replace(/(-crd)?\.yaml$/, "")}`;
    const narrowed = join(scratch, `${moduleName}.yaml`);
    writeFileSync(narrowed, stringify(crd));
    execFileSync(
      cdk8s,
      ["import", `${moduleName}:=${narrowed}`, "--no-check-upgrade", "--no-save", "-l", "typescript", "-o", "imports"],
      { stdio: "inherit" },
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
