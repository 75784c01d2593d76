import { describe, expect, it } from "vitest";
import { localizeCoreSchema } from "../../src/validate/core-schema";

describe("localizeCoreSchema", () => {
  it("drops the remote $id and points $refs at the local definitions file", () => {
    const schema = {
      $id: "https://kubernetes.io/api/service/v1",
      properties: {
        metadata: { $ref: "/api/_definitions.json#/$defs/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" },
        ports: { items: { $ref: "/api/_definitions.json#/$defs/io.k8s.api.core.v1.ServicePort" } },
      },
    };
    expect(localizeCoreSchema(schema)).toEqual({
      properties: {
        metadata: { $ref: "_definitions.json#/$defs/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" },
        ports: { items: { $ref: "_definitions.json#/$defs/io.k8s.api.core.v1.ServicePort" } },
      },
    });
  });

  it("leaves references inside the same file alone", () => {
    const schema = { $defs: { a: { $ref: "#/$defs/b" } } };
    expect(localizeCoreSchema(schema)).toEqual(schema);
  });
});
