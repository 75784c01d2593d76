/**
 * Generates kubeconform schemas for the upstream CRDs into schemas/crds/.
 * Usage: npm run schemas [-- <crd folder>]   (default ../shared/crds)
 * The output is committed, so a clone without ../shared still validates.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { convertCrdFolder } from "../src/validate/crd-folder";

const crdRoot = resolve(process.argv[2] ?? "../shared/crds");
const outDir = resolve("schemas/crds");
const files = convertCrdFolder(crdRoot);

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
for (const [name, content] of files) writeFileSync(join(outDir, name), content);
console.log(`wrote ${files.size} CRD schemas from ${crdRoot} to schemas/crds/`);
