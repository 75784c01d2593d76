import { parseAllDocuments } from "yaml";

/** A JSON Schema node as found in a CRD's openAPIV3Schema. */
export type SchemaNode = { [keyword: string]: unknown };

export interface CrdSchemaFile {
  /** `<kind>-<group>-<version>.json`, lower case, as kubeconform's template expects. */
  readonly fileName: string;
  readonly schema: SchemaNode;
}

const INT_OR_STRING: SchemaNode = { oneOf: [{ type: "string" }, { type: "integer" }] };

function isNode(value: unknown): value is SchemaNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mapValues(map: SchemaNode, convert: (node: SchemaNode) => SchemaNode): SchemaNode {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, isNode(value) ? convert(value) : value]));
}

/**
 * Does what kubeconform's openapi2jsonschema.py does, walking only schema
 * keywords (a property named "properties" is data, not a keyword):
 * objects with properties reject unknown fields unless the CRD preserves them,
 * int-or-string becomes a oneOf, `nullable` admits null.
 */
export function strictSchema(node: SchemaNode): SchemaNode {
  if (node["x-kubernetes-int-or-string"] === true || node.format === "int-or-string") {
    return node.description === undefined ? { ...INT_OR_STRING } : { description: node.description, ...INT_OR_STRING };
  }
  const out: SchemaNode = { ...node };
  if (isNode(node.properties)) {
    out.properties = mapValues(node.properties, strictSchema);
    if (node.additionalProperties === undefined && node["x-kubernetes-preserve-unknown-fields"] !== true) {
      out.additionalProperties = false;
    }
  }
  if (isNode(node.additionalProperties)) out.additionalProperties = strictSchema(node.additionalProperties);
  if (isNode(node.items)) out.items = strictSchema(node.items);
  for (const keyword of ["allOf", "anyOf", "oneOf"]) {
    const list = node[keyword];
    if (Array.isArray(list)) out[keyword] = list.map((item) => (isNode(item) ? strictSchema(item) : item));
  }
  if (isNode(node.not)) out.not = strictSchema(node.not);
  if (node.nullable === true && typeof node.type === "string") out.type = [node.type, "null"];
  return out;
}

interface CrdVersion {
  name: string;
  schema?: { openAPIV3Schema?: SchemaNode };
}

interface Crd {
  kind: string;
  spec: { group: string; names: { kind: string }; versions: CrdVersion[] };
}

function isCrd(doc: unknown): doc is Crd {
  return isNode(doc) && doc.kind === "CustomResourceDefinition" && isNode(doc.spec);
}

/** One schema file per served version of every CRD in a YAML stream. */
export function crdSchemaFiles(yamlText: string, source: string): CrdSchemaFile[] {
  return crdObjectSchemaFiles(
    parseAllDocuments(yamlText).map((document) => document.toJS()),
    source,
  );
}

/** One schema file per served version of every CRD among already parsed objects. */
export function crdObjectSchemaFiles(objects: readonly unknown[], source: string): CrdSchemaFile[] {
  const files: CrdSchemaFile[] = [];
  for (const crd of objects) {
    if (!isCrd(crd)) continue;
    const { group, names, versions } = crd.spec;
    for (const version of versions) {
      const openApi = version.schema?.openAPIV3Schema;
      if (openApi === undefined) {
        throw new Error(`${source}: ${names.kind} ${version.name} has no openAPIV3Schema`);
      }
      files.push({
        fileName: `${names.kind}-${group}-${version.name}.json`.toLowerCase(),
        schema: strictSchema(openApi),
      });
    }
  }
  return files;
}
