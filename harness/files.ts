import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parseAllDocuments } from "yaml";
import { filesBelow } from "../src/render/output";

/** This checkout: the committed env JSON (images, infra outputs) is read from here. */
export const REPO_ROOT = join(__dirname, "..");

/** Loose view of a rendered manifest: callers read fields, not types. */
// biome-ignore lint/suspicious/noExplicitAny: rendered and upstream YAML is read at arbitrary paths.
export type Manifest = Record<string, any>;

/** Every object in the YAML files below a folder (dist/, argocd/, a CRD folder), in file order. */
export function manifestsIn(dir: string): Manifest[] {
  return filesBelow(dir)
    .filter((name) => name.endsWith(".yaml"))
    .flatMap((name) => parseAllDocuments(readFileSync(join(dir, name), "utf8")).map((doc) => doc.toJS() as Manifest))
    .filter((manifest) => manifest !== null);
}

/** A fresh folder under the system's temp dir; the caller removes it. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `candlefish-${prefix}-`));
}

/** One hash over every file's path and bytes below a folder. */
export function treeHash(root: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(`${relative(root, path)}\0`).update(readFileSync(path));
    }
  };
  walk(root);
  return hash.digest("hex");
}
