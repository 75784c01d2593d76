import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { renderEnvManifests } from "../../src/render/manifests";
import { fastYaml, toYaml } from "../../src/render/yaml";
import { configOf } from "../support/fixtures";

const library = (value: unknown) => stringify(value, { lineWidth: 0 });

/** Characters and words that change how YAML quotes a scalar. */
const tricky = [
  ..."ab1 .:-#'\"%@`!&*|>?{}[],~\t\né",
  "true",
  "null",
  "1.5",
  "0x1f",
  "0o7",
  ".inf",
  "1e3",
  "---",
  "...",
];
const text = (unit: fc.Arbitrary<string>) => fc.string({ unit, maxLength: 12 });
const anyText = text(fc.constantFrom(...tricky, "\r", "\u0007", "\u2028"));
/** What manifests hold: names, labels, PromQL, JSON dashboards; no control characters or edge whitespace. */
const ordinaryText = text(fc.constantFrom(..."abz019 .:-_/#'\"{}[],=*|>$", "\n", "true", "1.5"));

const documentOf = (strings: fc.Arbitrary<string>) =>
  fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      strings,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      tie("collection"),
    ),
    collection: fc.oneof(
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(strings, tie("value"), { maxKeys: 4 }),
    ),
  })).collection;

describe("toYaml", () => {
  it("prints what the yaml library prints, for any document", () => {
    fc.assert(
      fc.property(documentOf(anyText), (document) => {
        expect(toYaml(document)).toBe(library(document));
      }),
      { numRuns: 2000 },
    );
  });

  it("writes documents of ordinary strings itself, byte for byte as the library", () => {
    const handled = documentOf(ordinaryText).filter((document) => fastYaml(document) !== undefined);
    fc.assert(
      fc.property(handled, (document) => {
        expect(fastYaml(document)).toBe(library(document));
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves a document with a control character or shared object to the library", () => {
    const shared = { a: 1 };
    expect(fastYaml({ bell: "ring\u0007" })).toBeUndefined();
    expect(fastYaml({ first: shared, second: shared })).toBeUndefined();
    expect(toYaml({ first: shared, second: shared })).toBe(library({ first: shared, second: shared }));
  });

  it("writes every manifest the envs render itself, as the library would", () => {
    for (const env of ["staging", "production"]) {
      for (const manifest of renderEnvManifests(configOf(env))) {
        const written = fastYaml(manifest);
        expect(written, `${env} ${manifest.kind}/${manifest.metadata.name}`).toBeDefined();
        expect(written).toBe(library(manifest));
      }
    }
  });
});
