import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { convertCrdFolder } from "../../src/validate/crd-folder";

const crdRoot = resolve("../shared/crds");
const committed = resolve("schemas/crds");

// The committed schemas are what a clone without ../shared validates with;
// where the upstream CRDs are present, they must still be what they produce.
describe.runIf(existsSync(crdRoot))("committed CRD schemas", () => {
  it("match a fresh conversion of ../shared/crds (run npm run schemas if not)", () => {
    const expected = convertCrdFolder(crdRoot);
    expect(readdirSync(committed).sort()).toEqual([...expected.keys()].sort());
    for (const [name, content] of expected) expect(readFileSync(join(committed, name), "utf8")).toBe(content);
  });
});
