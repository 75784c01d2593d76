import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { codeKeyOf, type LauncherCheckout, renderedCheckout } from "../support/launcher";

let co: LauncherCheckout;

beforeEach(() => {
  co = renderedCheckout();
}, 120_000);

describe("npm run synth on the fast path (bin/candlefish.cjs)", () => {
  it("answers a run whose code and env JSON did not change from the cache, with the same output", () => {
    const before = co.distHash();
    const { status, stdout, stderr } = co.run("synth");
    expect(status).toBe(0);
    expect(stderr).toContain("build reused");
    expect(stderr).toContain("no render needed");
    // The cached answer reports what is on disk, not a count of its own.
    expect(stdout).toContain(`rendered dist/production: ${readdirSync(join(co.repo, "dist/production")).length} files`);
    expect(co.distHash()).toBe(before);
  });

  it("runs a build of the edited code after a source edit: the output changes", () => {
    const before = codeKeyOf(co.run("synth", "--check").stderr);
    co.edit(
      "src/env/base.ts",
      'smokeImage: { repository: "curlimages/curl", tag: "8.11.1" }',
      'smokeImage: { repository: "curlimages/curl", tag: "8.12.0" }',
    );
    const { status, stderr } = co.run("synth");
    expect(status).toBe(0);
    expect(codeKeyOf(stderr)).toMatch(/^[0-9a-f]{12}$/);
    expect(codeKeyOf(stderr)).not.toBe(before);
    expect(co.file("dist/staging/analysistemplate-website-pre-promotion.yaml")).toContain(
      "image: curlimages/curl:8.12.0",
    );
    expect(co.run("synth", "--check").status).toBe(0);
  }, 120_000);

  it("re-renders an edited image file with the same build", () => {
    co.edit("src/env/images/staging.json", '"tag": "v1.1.0"', '"tag": "v1.1.1"');
    const { status, stderr } = co.run("synth");
    expect(status).toBe(0);
    expect(stderr).toContain("build reused");
    expect(co.file("dist/staging/rollout-website.yaml")).toContain("image: candlefish/website:v1.1.1");
  });

  it("checks against the real dist/, not the cached render: a hand edit is drift", () => {
    co.edit(
      "dist/staging/rollout-website.yaml",
      "image: candlefish/website:v1.1.0",
      "image: candlefish/website:hotfix",
    );
    const { status, stderr } = co.run("synth", "--check");
    expect(stderr).toContain("no render needed");
    expect(status).toBe(1);
    expect(stderr).toContain("changed dist/staging/rollout-website.yaml");
  });
});
