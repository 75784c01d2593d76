import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runPromote } from "../../src/cli/promote";
import { runSetImage } from "../../src/cli/set-image";
import { soakStart } from "../../src/release/soak";
import { tempDir, treeHash } from "../support/fixtures";

const DIGEST = `sha256:${"a1".repeat(32)}`;
const HOUR = 3_600_000;
let repo: string;
let lines: string[];
const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
const file = (path: string) => readFileSync(join(repo, path), "utf8");

function git(args: string[], date?: Date): string {
  const env =
    date === undefined
      ? process.env
      : { ...process.env, GIT_AUTHOR_DATE: date.toISOString(), GIT_COMMITTER_DATE: date.toISOString() };
  return execFileSync("git", args, { cwd: repo, env, encoding: "utf8" });
}

/** Commits everything as of `date`: the history promote measures soak from. */
function commitAll(message: string, date: Date): void {
  git(["add", "-A"]);
  git(["commit", "-q", "-m", message], date);
}

/** Lines of `after` that `before` does not have: what a byte-level review shows as added or changed. */
function changedLines(before: string, after: string): string[] {
  const old = new Set(before.split("\n"));
  return after.split("\n").filter((line) => !old.has(line));
}

beforeEach(() => {
  // GIVEN a repository with the committed images, infra outputs, dist/ and argocd/, committed two days ago
  repo = tempDir("release");
  for (const path of ["src/env/images", "src/env/outputs", "dist", "argocd"])
    cpSync(path, join(repo, path), { recursive: true });
  git(["init", "-q"]);
  git(["config", "user.email", "ci@example.com"]);
  git(["config", "user.name", "CI"]);
  commitAll("initial", new Date(Date.now() - 48 * HOUR));
  lines = [];
});

describe("npm run set-image", () => {
  it("changes only the image line and the rendered image, and is a no-op the second time", async () => {
    const before = file("src/env/images/staging.json");
    const rollout = file("dist/staging/rollout-website.yaml");
    expect(await runSetImage({ env: "staging", tag: "v1.2.0", repoRoot: repo }, out)).toBe(0);
    expect(changedLines(before, file("src/env/images/staging.json"))).toEqual(['  "tag": "v1.2.0"']);
    expect(changedLines(rollout, file("dist/staging/rollout-website.yaml"))).toEqual([
      "          image: candlefish/website:v1.2.0",
    ]);
    const afterFirst = treeHash(repo);
    expect(await runSetImage({ env: "staging", tag: "v1.2.0", repoRoot: repo }, out)).toBe(0);
    expect(treeHash(repo)).toBe(afterFirst);
    expect(lines.at(-1)).toBe("staging: already runs candlefish/website:v1.2.0");
  });

  it("pins a digest next to the tag", async () => {
    expect(await runSetImage({ env: "staging", tag: "v1.2.0", digest: DIGEST, repoRoot: repo }, out)).toBe(0);
    expect(JSON.parse(file("src/env/images/staging.json"))).toEqual({
      repository: "candlefish/website",
      tag: "v1.2.0",
      digest: DIGEST,
    });
    expect(file("dist/staging/rollout-website.yaml")).toContain(`image: candlefish/website:v1.2.0@${DIGEST}`);
  });

  for (const [what, options, message] of [
    ["an unknown env", { env: "qa", tag: "v1" }, "env qa: unknown env; known envs: production, staging"],
    [
      "the latest tag",
      { env: "staging", tag: "latest" },
      "env staging: image: tag: must pin a version: 'latest' is refused",
    ],
    [
      "a malformed digest",
      { env: "staging", tag: "v1", digest: "sha256:xyz" },
      "env staging: image: digest: must be sha256:<64 lower-case hex digits>",
    ],
  ] as const) {
    it(`refuses ${what} and changes nothing`, async () => {
      const before = treeHash(repo);
      expect(await runSetImage({ ...options, repoRoot: repo }, out)).toBe(2);
      expect(lines.join("\n")).toContain(message);
      expect(treeHash(repo)).toBe(before);
    });
  }
});

describe("npm run promote", () => {
  const promote = async (hoursAgo: number, extra: { ignoreSoak?: boolean } = {}) => {
    await runSetImage(
      { env: "staging", tag: "v1.2.0", digest: DIGEST, repoRoot: repo },
      { log: () => {}, error: () => {} },
    );
    commitAll("staging: v1.2.0", new Date(Date.now() - hoursAgo * HOUR));
    lines = [];
    return runPromote(
      { from: "staging", to: "production", repoRoot: repo, ignoreSoak: extra.ignoreSoak ?? false, now: new Date() },
      out,
    );
  };

  it("copies staging's exact image into production after the soak time, touching only the image lines", async () => {
    const before = file("src/env/images/production.json");
    expect(await promote(25)).toBe(0);
    expect(changedLines(before, file("src/env/images/production.json"))).toEqual([
      `  "digest": "${DIGEST}",`,
      '  "tag": "v1.2.0"',
    ]);
    expect(file("dist/production/rollout-website.yaml")).toContain(`image: candlefish/website:v1.2.0@${DIGEST}`);
    expect(lines).toContain(
      "production image change → after the sync and the pre-promotion gates: kubectl argo rollouts promote website -n candlefish-production",
    );
  });

  it("leaves a production that already runs the digest alone, without asking for soak time again", async () => {
    // GIVEN production already runs staging's digest, promoted early (staging has run it for 2 h of 24)
    expect(await promote(2, { ignoreSoak: true })).toBe(0);
    commitAll("production: v1.2.0", new Date());
    const before = treeHash(repo);
    lines = [];
    const again = { from: "staging", to: "production", repoRoot: repo, ignoreSoak: false, now: new Date() };
    expect(await runPromote(again, out)).toBe(0);
    expect(lines).toEqual([`production: already runs candlefish/website:v1.2.0@${DIGEST}`]);
    expect(treeHash(repo)).toBe(before);
  });

  it("refuses before the soak time, saying how long remains", async () => {
    const before = file("src/env/images/production.json");
    expect(await promote(2)).toBe(3);
    expect(lines.join("\n")).toMatch(/for 2 h \(since [0-9a-f]{12}, .*\); production requires 24 h: 22 h remain/);
    expect(file("src/env/images/production.json")).toBe(before);
  });

  it("promotes early with --ignore-soak, loudly", async () => {
    expect(await promote(2, { ignoreSoak: true })).toBe(0);
    expect(lines.join("\n")).toContain("WARNING: --ignore-soak: env staging has run");
  });

  it("refuses a tag-only staging image", async () => {
    const before = treeHash(repo);
    expect(
      await runPromote({ from: "staging", to: "production", repoRoot: repo, ignoreSoak: true, now: new Date() }, out),
    ).toBe(3);
    expect(lines.join("\n")).toContain("runs candlefish/website:v1.1.0, a tag without a digest");
    expect(treeHash(repo)).toBe(before);
  });

  it("refuses when staging's committed dist/ does not match its sources", async () => {
    await runSetImage(
      { env: "staging", tag: "v1.2.0", digest: DIGEST, repoRoot: repo },
      { log: () => {}, error: () => {} },
    );
    commitAll("staging: v1.2.0", new Date(Date.now() - 30 * HOUR));
    writeFileSync(join(repo, "dist/staging/hand-edit.yaml"), "kind: ConfigMap\n");
    lines = [];
    const before = file("src/env/images/production.json");
    expect(
      await runPromote({ from: "staging", to: "production", repoRoot: repo, ignoreSoak: false, now: new Date() }, out),
    ).toBe(3);
    expect(lines.join("\n")).toContain("committed dist/ differs from its sources");
    expect(lines.join("\n")).toContain("stale   dist/staging/hand-edit.yaml");
    expect(file("src/env/images/production.json")).toBe(before);
  });
});

describe("soak start from Git history", () => {
  it("is the newest commit that added the digest, not later unrelated commits", async () => {
    const added = new Date(Date.now() - 10 * HOUR);
    await runSetImage(
      { env: "staging", tag: "v1.2.0", digest: DIGEST, repoRoot: repo },
      { log: () => {}, error: () => {} },
    );
    commitAll("staging: v1.2.0", added);
    // A later commit to the same file that keeps the digest (a new tag label) must not restart the soak.
    const image = JSON.parse(file("src/env/images/staging.json"));
    writeFileSync(
      join(repo, "src/env/images/staging.json"),
      `${JSON.stringify({ ...image, tag: "v1.2.0-relabelled" }, null, 2)}\n`,
    );
    commitAll("staging: relabel", new Date(Date.now() - HOUR));
    const start = soakStart(repo, "src/env/images/staging.json", DIGEST);
    expect(start?.since.getTime()).toBe(Math.floor(added.getTime() / 1000) * 1000);
  });

  it("is undefined while the image is not committed", async () => {
    expect(soakStart(repo, "src/env/images/staging.json", `sha256:${"b2".repeat(32)}`)).toBeUndefined();
  });
});

describe("release commands fail cleanly", () => {
  it("leaves the image file and dist/ untouched when the re-render fails", async () => {
    const broken = { staging: { name: "staging" }, production: { name: "production" } };
    const before = treeHash(repo);
    expect(await runSetImage({ env: "staging", tag: "v1.3.0", repoRoot: repo, inputs: broken }, out)).toBe(2);
    expect(treeHash(repo)).toBe(before);
  });

  it("names a hand-broken image file instead of crashing", async () => {
    writeFileSync(
      join(repo, "src/env/images/staging.json"),
      '{ "repository": "candlefish/website", "tag": "latest" }\n',
    );
    await expect(
      runPromote({ from: "staging", to: "production", repoRoot: repo, ignoreSoak: false, now: new Date() }, out),
    ).rejects.toThrow(/env staging: image: tag: must pin a version: 'latest' is refused/);
  });
});
