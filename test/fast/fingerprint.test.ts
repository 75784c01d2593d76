import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codeFileIds, keyOf } from "../../bin/fingerprint.cjs";
import { tempDir } from "../support/fixtures";

const AN_HOUR_AGO = new Date(Date.now() - 3_600_000);

/** A checkout with one source file, last modified an hour ago. */
function checkout(content: string): { root: string; file: string } {
  const root = tempDir("fingerprint");
  mkdirSync(join(root, "src"));
  const file = join(root, "src", "a.ts");
  writeFileSync(file, content);
  utimesSync(file, AN_HOUR_AGO, AN_HOUR_AGO);
  return { root, file };
}

describe("the code key", () => {
  it("changes with a file's content, even when its size and modification time are put back", () => {
    const { root, file } = checkout("export const a = 1;\n");
    // GIVEN its id is remembered with its stats (trusted at once here, instead of after two seconds)
    const ids = () => keyOf("code", codeFileIds(root, { settledNs: 0n }));
    const before = ids();
    expect(ids()).toBe(before);
    // WHEN the file is edited to a same-size content and its mtime is restored (as `touch -r` would)
    writeFileSync(file, "export const a = 2;\n");
    utimesSync(file, AN_HOUR_AGO, AN_HOUR_AGO);
    // THEN the key changes (the memo also compares ctime, which no tool can set back)
    expect(ids()).not.toBe(before);
  });

  it("does not count the env JSON automation edits as code", () => {
    const { root } = checkout("export const a = 1;\n");
    mkdirSync(join(root, "src", "env", "images"), { recursive: true });
    const before = keyOf("code", codeFileIds(root));
    writeFileSync(join(root, "src", "env", "images", "staging.json"), '{ "tag": "v2" }\n');
    expect(keyOf("code", codeFileIds(root))).toBe(before);
  });
});
