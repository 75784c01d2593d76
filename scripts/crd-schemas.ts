/**
 * Generates kubeconform schemas for the upstream CRDs into schemas/crds/.
 * Usage: npm run schemas [-- <crd folder>]   (default ../shared/crds)
 * The output is committed, so a clone without ../shared still validates.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { crdSchemaFiles } from "../src/validate/crd-to-json-schema";

const crdRoot = resolve(process.argv[2] ?? "../shared/crds");
const outDir = resolve("schemas/crds");

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
let count = 0;
for (const folder of readdirSync(crdRoot, { withFileTypes: true }).filter((e) => e.isDirectory())) {
  for (const file of readdirSync(join(crdRoot, folder.name))
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    const path = join(crdRoot, folder.name, file);
    for (const { fileName, schema } of crdSchemaFiles(readFileSync(path, "utf8"), path)) {
      writeFileSync(join(outDir, fileName), `${JSON.stringify(schema, null, 2)}\n`);
      count += 1;
    }
  }
}
console.log(`wrote ${count} CRD schemas from ${crdRoot} to schemas/crds/`);
