import type { SchemaNode } from "./crd-to-json-schema";

const REMOTE_DEFINITIONS = "/api/_definitions.json#";

/**
 * kubernetes-validate's schemas carry an https `$id` and refer to
 * `/api/_definitions.json`, which a validator resolves against that `$id` and
 * downloads. Dropping the `$id` and making the reference relative keeps
 * kubeconform on the local file next to the schema.
 */
export function localizeCoreSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(localizeCoreSchema);
  if (typeof node !== "object" || node === null) return node;
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$id" && typeof value === "string" && value.startsWith("https://")) continue;
    out[key] =
      key === "$ref" && typeof value === "string" && value.startsWith(REMOTE_DEFINITIONS)
        ? `_definitions.json#${value.slice(REMOTE_DEFINITIONS.length)}`
        : localizeCoreSchema(value);
  }
  return out;
}
