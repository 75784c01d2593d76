import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { crdSchemaFiles } from "./crd-to-json-schema";

/**
 * Converts every CRD under `<root>/<project>/*.yaml` into kubeconform schema
 * files: file name to its exact bytes, in a stable order.
 */
export function convertCrdFolder(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const projects = readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  for (const project of projects.map((entry) => entry.name).sort()) {
    for (const file of readdirSync(join(root, project))
      .filter((name) => name.endsWith(".yaml"))
      .sort()) {
      const path = join(root, project, file);
      for (const { fileName, schema } of crdSchemaFiles(readFileSync(path, "utf8"), path)) {
        files.set(fileName, `${JSON.stringify(schema, null, 2)}\n`);
      }
    }
  }
  return files;
}
