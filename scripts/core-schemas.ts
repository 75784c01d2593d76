/**
 * Copies the strict core schemas of the given Kubernetes versions out of an
 * extracted kubernetes-validate wheel, with their $refs made local.
 * Usage: tsx scripts/core-schemas.ts <extracted wheel> <out dir> <version>...
 * Writes <out>/v<version>-standalone-strict/*.json (kubeconform's layout).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { localizeCoreSchema } from "../src/validate/core-schema";

const [wheelDir, outDir, ...versions] = process.argv.slice(2);
if (wheelDir === undefined || outDir === undefined || versions.length === 0) {
  console.error("usage: tsx scripts/core-schemas.ts <extracted wheel> <out dir> <version>...");
  process.exit(2);
}
for (const version of versions) {
  const source = join(wheelDir, "kubernetes_validate", "kubernetes-json-schema", `v${version}-local-strict`);
  const target = join(outDir, `v${version}-standalone-strict`);
  const staging = `${target}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const files = readdirSync(source).filter((file) => file.endsWith(".json"));
  for (const file of files) {
    const schema = localizeCoreSchema(JSON.parse(readFileSync(join(source, file), "utf8")));
    writeFileSync(join(staging, file), JSON.stringify(schema));
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  console.log(`core schemas v${version}: ${files.length} files`);
}
