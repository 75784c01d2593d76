import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { copyCheckout } from "../../harness/checkout";
import { REPO_ROOT, tempDir, treeHash } from "../support/fixtures";

/**
 * One cache for every checkout of this file, kept between runs (in this repository's .cache): a build
 * is made once per code, so a warm run of the suite builds nothing (each test's edits are the same every run).
 */
const cache = join(REPO_ROOT, ".cache", "test-launcher");
let repo: string;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ["bin/candlefish.cjs", ...args], {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, CANDLEFISH_CACHE: cache, CANDLEFISH_TRACE: "1" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The code key the launcher ran (CANDLEFISH_TRACE prints it). */
const codeKeyOf = (stderr: string) => /candlefish: code ([0-9a-f]+):/.exec(stderr)?.[1];

/** Runs synth expecting a refusal: exit 2 and dist/ untouched; returns what it printed. */
function refusedSynth(): string {
  const before = treeHash(join(repo, "dist"));
  const { status, stderr } = run("synth");
  expect(status).toBe(2);
  expect(treeHash(join(repo, "dist"))).toBe(before);
  return stderr;
}

const file = (path: string) => readFileSync(join(repo, path), "utf8");
const edit = (path: string, from: string, to: string) => {
  const before = file(path);
  expect(before).toContain(from);
  writeFileSync(join(repo, path), before.replace(from, to));
};

beforeEach(() => {
  // GIVEN a checkout whose dist/ matches its sources, already rendered once (cache warm)
  repo = copyCheckout(REPO_ROOT, tempDir("launcher"));
  expect(run("synth").status).toBe(0);
}, 120_000);

describe("npm run synth on the fast path (bin/candlefish.cjs)", () => {
  it("answers a run whose code and env JSON did not change from the cache, with the same output", () => {
    const before = treeHash(join(repo, "dist"));
    const { status, stdout, stderr } = run("synth");
    expect(status).toBe(0);
    expect(stderr).toContain("build reused");
    expect(stderr).toContain("no render needed");
    // The cached answer reports what is on disk, not a count of its own.
    expect(stdout).toContain(`rendered dist/production: ${readdirSync(join(repo, "dist/production")).length} files`);
    expect(treeHash(join(repo, "dist"))).toBe(before);
  });

  it("runs a build of the edited code after a source edit: the output changes", () => {
    const before = codeKeyOf(run("synth", "--check").stderr);
    edit(
      "src/env/base.ts",
      'smokeImage: { repository: "curlimages/curl", tag: "8.11.1" }',
      'smokeImage: { repository: "curlimages/curl", tag: "8.12.0" }',
    );
    const { status, stderr } = run("synth");
    expect(status).toBe(0);
    expect(codeKeyOf(stderr)).toMatch(/^[0-9a-f]{12}$/);
    expect(codeKeyOf(stderr)).not.toBe(before);
    expect(file("dist/staging/analysistemplate-website-pre-promotion.yaml")).toContain("image: curlimages/curl:8.12.0");
    expect(run("synth", "--check").status).toBe(0);
  }, 120_000);

  it("re-renders an edited image file with the same build", () => {
    edit("src/env/images/staging.json", '"tag": "v1.1.0"', '"tag": "v1.1.1"');
    const { status, stderr } = run("synth");
    expect(status).toBe(0);
    expect(stderr).toContain("build reused");
    expect(file("dist/staging/rollout-website.yaml")).toContain("image: candlefish/website:v1.1.1");
  });

  it("checks against the real dist/, not the cached render: a hand edit is drift", () => {
    edit("dist/staging/rollout-website.yaml", "image: candlefish/website:v1.1.0", "image: candlefish/website:hotfix");
    const { status, stderr } = run("synth", "--check");
    expect(stderr).toContain("no render needed");
    expect(status).toBe(1);
    expect(stderr).toContain("changed dist/staging/rollout-website.yaml");
  });

  it("names a malformed committed JSON file with its line and column, exits 2 and writes nothing", () => {
    writeFileSync(join(repo, "src/env/outputs/production.json"), '{ "clusterName": ');
    const stderr = refusedSynth();
    expect(stderr).toContain(
      "env production: src/env/outputs/production.json: not valid JSON: value expected (line 1, column 18)",
    );
    expect(stderr).toContain("nothing written: fix the problem above");
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("names a Git conflict marker in a committed JSON file, exits 2 and writes nothing", () => {
    edit("src/env/images/production.json", "{", "{\n<<<<<<< HEAD\n=======\n>>>>>>> release");
    const stderr = refusedSynth();
    expect(stderr).toMatch(
      /^env production: src\/env\/images\/production\.json: Git conflict marker "<<<<<<<" \(line 2, column 1\)/m,
    );
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("shows where a source does not compile, once, exits 2 and writes nothing", () => {
    edit(
      "src/env/base.ts",
      "/** What staging and production share. */",
      "export const broken = ;\n/** What staging and production share. */",
    );
    const stderr = refusedSynth();
    expect(stderr.match(/src\/env\/base\.ts:\d+:\d+:/g)).toHaveLength(1);
    expect(stderr).toContain("the code does not build: fix the errors above");
  });

  it("refuses an invalid env with the env, the field path and the value, and writes nothing", () => {
    edit(
      "src/env/production.ts",
      'domain: "candlefish.ai",',
      'domain: "candlefish.ai",\n  workloads: { website: { hpa: { minReplicas: 2 } } },',
    );
    expect(refusedSynth()).toMatch(/^env production: workloads\.website\.hpa\.minReplicas: .* \(got 2\)$/m);
  }, 120_000);

  it("refuses production without its manual gate, as the delivery policy says, and writes nothing", () => {
    edit(
      "src/env/production.ts",
      'domain: "candlefish.ai",',
      'domain: "candlefish.ai",\n  workloads: { website: { rollout: { autoPromotionEnabled: true } } },',
    );
    expect(refusedSynth()).toMatch(
      /^env production: workloads\.website\.rollout\.autoPromotionEnabled: must be false: the delivery policy .* \(got true\)$/m,
    );
  }, 120_000);

  it("refuses a cron field out of range, with the parser's range, and writes nothing", () => {
    edit("src/env/base.ts", 'backupSchedule: "17 3 * * *"', 'backupSchedule: "61 3 * * *"');
    expect(refusedSynth()).toContain(
      'env production: database.backupSchedule: must be a valid cron expression: Constraint error, got value 61 expected range 0-59 (got "61 3 * * *")',
    );
  }, 120_000);
});
