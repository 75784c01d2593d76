import { describe, expect, it } from "vitest";
import { crdSchemaFiles, strictSchema } from "../../src/validate/crd-to-json-schema";

describe("strictSchema (openapi2jsonschema's rules)", () => {
  it("rejects unknown fields on every object that lists its properties", () => {
    const schema = strictSchema({
      type: "object",
      properties: { spec: { type: "object", properties: { size: { type: "integer" } } } },
    });
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties).toMatchObject({ spec: { additionalProperties: false } });
  });

  it("keeps objects open where the CRD preserves unknown fields", () => {
    const schema = strictSchema({
      type: "object",
      "x-kubernetes-preserve-unknown-fields": true,
      properties: { known: { type: "string" } },
    });
    expect(schema).not.toHaveProperty("additionalProperties");
  });

  it("keeps an explicit additionalProperties schema and makes it strict too", () => {
    const schema = strictSchema({
      type: "object",
      additionalProperties: { type: "object", properties: { a: { type: "string" } } },
    });
    expect(schema.additionalProperties).toEqual({
      type: "object",
      properties: { a: { type: "string" } },
      additionalProperties: false,
    });
  });

  it("turns int-or-string into a oneOf of string and integer", () => {
    const schema = strictSchema({
      type: "object",
      properties: { port: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] } },
    });
    expect((schema.properties as Record<string, unknown>).port).toEqual({
      oneOf: [{ type: "string" }, { type: "integer" }],
    });
  });

  it("treats a property named 'properties' as data, not as a keyword", () => {
    const schema = strictSchema({
      type: "object",
      properties: { properties: { type: "object", properties: { x: { type: "string" } } } },
    });
    const inner = (schema.properties as Record<string, Record<string, unknown>>).properties;
    expect(inner?.additionalProperties).toBe(false);
  });

  it("walks array items and combinators", () => {
    const schema = strictSchema({
      type: "array",
      items: { type: "object", properties: { a: { type: "string" } } },
      allOf: [{ type: "object", properties: { b: { type: "string" } } }],
    });
    expect((schema.items as Record<string, unknown>).additionalProperties).toBe(false);
    expect((schema.allOf as Record<string, unknown>[])[0]?.additionalProperties).toBe(false);
  });

  it("admits null where the CRD says nullable", () => {
    expect(strictSchema({ type: "string", nullable: true }).type).toEqual(["string", "null"]);
  });
});

describe("crdSchemaFiles", () => {
  const crd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
spec:
  group: example.candlefish.ai
  names: { kind: Widget }
  versions:
    - name: v1beta1
      schema: { openAPIV3Schema: { type: object, properties: { spec: { type: object } } } }
    - name: v1
      schema: { openAPIV3Schema: { type: object, properties: { spec: { type: object } } } }
---
apiVersion: v1
kind: ConfigMap
`;

  it("writes one <kind>-<group>-<version>.json per served version", () => {
    expect(crdSchemaFiles(crd, "widget.yaml").map((file) => file.fileName)).toEqual([
      "widget-example.candlefish.ai-v1beta1.json",
      "widget-example.candlefish.ai-v1.json",
    ]);
  });

  it("fails naming the file and version when a version has no schema", () => {
    const broken = crd.replace(
      "    - name: v1\n      schema: { openAPIV3Schema: { type: object, properties: { spec: { type: object } } } }\n",
      "    - name: v1\n",
    );
    expect(() => crdSchemaFiles(broken, "widget.yaml")).toThrow("widget.yaml: Widget v1 has no openAPIV3Schema");
  });
});
