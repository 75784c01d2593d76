import { cpSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EnvConfigError, loadEnvironments } from "../../src/env";
import { REPO_ROOT, tempDir } from "../support/fixtures";

/** A repository root holding a copy of the committed env JSON. */
function committedJson(): string {
  const root = tempDir("env-json");
  for (const folder of ["src/env/images", "src/env/outputs"]) {
    cpSync(join(REPO_ROOT, folder), join(root, folder), { recursive: true });
  }
  return root;
}

function problemsOf(root: string): readonly string[] {
  try {
    loadEnvironments(root);
  } catch (error) {
    if (error instanceof EnvConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("the committed env JSON, read when a command runs", () => {
  it("is what the env inputs carry, so an image bump needs no code change", () => {
    const root = committedJson();
    writeFileSync(join(root, "src/env/images/staging.json"), '{ "repository": "candlefish/website", "tag": "v9" }\n');
    const inputs = loadEnvironments(root) as Record<string, { image: unknown }>;
    expect(inputs.staging?.image).toEqual({ repository: "candlefish/website", tag: "v9" });
  });

  it("names the file, the parser's complaint and its line and column when a file is not JSON", () => {
    const root = committedJson();
    writeFileSync(join(root, "src/env/outputs/production.json"), '{\n  "region": "us-east-1"\n  "vpcId": "vpc-1"\n}\n');
    const [problem, ...others] = problemsOf(root);
    expect(others).toEqual([]);
    expect(problem).toBe(
      "env production: src/env/outputs/production.json: not valid JSON: comma expected (line 3, column 3)",
    );
  });

  it("places a file that ends too early at its end", () => {
    const root = committedJson();
    writeFileSync(join(root, "src/env/images/staging.json"), '{ "tag": ');
    expect(problemsOf(root)).toEqual([
      "env staging: src/env/images/staging.json: not valid JSON: value expected (line 1, column 10)",
    ]);
  });

  it("names a Git conflict marker as such, where it is", () => {
    const root = committedJson();
    const conflicted = '{\n<<<<<<< HEAD\n  "tag": "v1.2.0"\n=======\n  "tag": "v1.3.0"\n>>>>>>> release\n}\n';
    writeFileSync(join(root, "src/env/images/production.json"), conflicted);
    expect(problemsOf(root)).toEqual([
      'env production: src/env/images/production.json: Git conflict marker "<<<<<<<" (line 2, column 1): resolve the merge, then run the command again',
    ]);
  });

  it("lists every missing or broken file at once", () => {
    const root = committedJson();
    rmSync(join(root, "src/env/images/staging.json"));
    writeFileSync(join(root, "src/env/images/production.json"), "nope");
    expect(problemsOf(root)).toEqual([
      "env staging: src/env/images/staging.json: cannot be read (ENOENT)",
      "env production: src/env/images/production.json: not valid JSON: invalid symbol (line 1, column 1)",
    ]);
  });
});
