import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { type Console, EXIT } from "../../src/cli/apply-plan";
import { runSynth } from "../../src/cli/synth";
import { environments, inputOf, setAt, synthOptions, tempDir, treeHash } from "../support/fixtures";

/** Captures what the command prints, line by line. */
function recorder(): Console & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (line) => lines.push(line), error: (line) => lines.push(line) };
}

function synth(outRoot: string, extra: { check?: boolean; envs?: string[]; inputs?: Record<string, unknown> } = {}) {
  const out = recorder();
  const code = runSynth(
    synthOptions(outRoot, {
      inputs: extra.inputs ?? environments,
      envs: extra.envs ?? [],
      check: extra.check ?? false,
    }),
    out,
  );
  return { code, lines: out.lines };
}

describe("synth", () => {
  let outRoot: string;
  beforeEach(() => {
    outRoot = join(tempDir("synth"), "dist");
  });

  it("renders one file per resource into dist/<env>/", () => {
    expect(synth(outRoot).code).toBe(EXIT.ok);
    expect(readdirSync(outRoot).sort()).toEqual(["production", "staging"]);
    expect(readdirSync(join(outRoot, "production"))).toContain("rollout-website.yaml");
  });

  it("renders byte-identical output twice", () => {
    const other = join(tempDir("synth-again"), "dist");
    synth(outRoot);
    synth(other);
    expect(treeHash(outRoot)).toBe(treeHash(other));
    synth(outRoot);
    expect(treeHash(outRoot)).toBe(treeHash(other));
  });

  it("removes stale files and env folders no env renders", () => {
    synth(outRoot);
    writeFileSync(join(outRoot, "production", "deployment-old.yaml"), "kind: Deployment\n");
    mkdirSync(join(outRoot, "qa"));
    writeFileSync(join(outRoot, "qa", "service-x.yaml"), "kind: Service\n");
    synth(outRoot);
    expect(readdirSync(join(outRoot, "production"))).not.toContain("deployment-old.yaml");
    expect(readdirSync(outRoot).sort()).toEqual(["production", "staging"]);
  });

  it("renders only the chosen env with --env and leaves the others alone", () => {
    synth(outRoot);
    writeFileSync(join(outRoot, "staging", "extra.yaml"), "kept: true\n");
    expect(synth(outRoot, { envs: ["production"] }).code).toBe(EXIT.ok);
    expect(readdirSync(join(outRoot, "staging"))).toContain("extra.yaml");
  });

  it("rewrites only the folders that changed: an edit of one env leaves the other env's files as they were", () => {
    // GIVEN rendered output
    synth(outRoot);
    const inodes = (env: string) =>
      readdirSync(join(outRoot, env)).map((name) => statSync(join(outRoot, env, name)).ino);
    const stagingBefore = inodes("staging");
    const productionBefore = inodes("production");
    // WHEN only production's input changes
    const production = inputOf("production");
    setAt(production, ["ingress", "deregistrationDelaySeconds"], 25);
    expect(synth(outRoot, { inputs: { ...environments, production } }).code).toBe(EXIT.ok);
    // THEN staging's files are the same files on disk, production's were written anew
    expect(inodes("staging")).toEqual(stagingBefore);
    expect(inodes("production")).not.toEqual(productionBefore);
    expect(readFileSync(join(outRoot, "production", "ingress-website.yaml"), "utf8")).toContain(
      "deregistration_delay.timeout_seconds=25",
    );
  });

  it("leaves no staging folder behind next to the output", () => {
    synth(outRoot);
    expect(readdirSync(join(outRoot, "..")).sort()).toEqual(["argocd", "dist"]);
  });
});

describe("synth --check", () => {
  let outRoot: string;
  beforeEach(() => {
    outRoot = join(tempDir("check"), "dist");
    synth(outRoot);
  });

  it("passes on a fresh render", () => {
    const { code, lines } = synth(outRoot, { check: true });
    expect(code).toBe(EXIT.ok);
    const files = readdirSync(join(outRoot, ".."), { recursive: true, withFileTypes: true }).filter((e) =>
      e.isFile(),
    ).length;
    expect(lines).toEqual([`up to date: ${files} files in 3 folders match the sources`]);
  });

  it("fails naming a hand-edited file", () => {
    const file = join(outRoot, "production", "rollout-website.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("scaleDownDelaySeconds: 900", "scaleDownDelaySeconds: 60"));
    const { code, lines } = synth(outRoot, { check: true });
    expect(code).toBe(EXIT.drift);
    expect(lines.slice(1)).toEqual(["  changed dist/production/rollout-website.yaml"]);
  });

  it("covers argocd/: fails naming an edited Application", () => {
    const file = join(outRoot, "..", "argocd", "apps", "application-website-production.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("selfHeal: true", "selfHeal: false"));
    const { code, lines } = synth(outRoot, { check: true });
    expect(code).toBe(EXIT.drift);
    expect(lines.slice(1)).toEqual(["  changed argocd/apps/application-website-production.yaml"]);
  });

  it("fails naming a missing and a stale file", () => {
    rmSync(join(outRoot, "staging", "service-website-preview.yaml"));
    writeFileSync(join(outRoot, "staging", "configmap-leftover.yaml"), "kind: ConfigMap\n");
    const { code, lines } = synth(outRoot, { check: true });
    expect(code).toBe(EXIT.drift);
    expect(lines.slice(1).sort()).toEqual([
      "  missing dist/staging/service-website-preview.yaml",
      "  stale   dist/staging/configmap-leftover.yaml",
    ]);
  });

  it("writes nothing", () => {
    const file = join(outRoot, "production", "rollout-website.yaml");
    writeFileSync(file, "edited\n");
    const before = treeHash(outRoot);
    synth(outRoot, { check: true });
    expect(treeHash(outRoot)).toBe(before);
  });
});

describe("synth with an invalid env", () => {
  it("prints every problem, exits 2 and leaves dist/ untouched", () => {
    const outRoot = join(tempDir("invalid"), "dist");
    synth(outRoot);
    const before = treeHash(outRoot);
    const production = inputOf("production");
    setAt(production, ["workloads", "website", "hpa", "maxReplicas"], 1);
    const { code, lines } = synth(outRoot, { inputs: { ...environments, production } });
    expect(code).toBe(EXIT.invalidConfig);
    expect(lines).toEqual([
      "env production: workloads.website.hpa.maxReplicas: must be at least hpa.minReplicas = 3 (got 1)",
      "env production: workloads.website.hpa.maxReplicas: × hpa.concurrentUsersPerPod = 500 (an assumption until a load test measures it) serves 500 concurrent users at the CPU target, below capacity.concurrentUsers = 10000 (got 1)",
      "env production: workloads.website.rollout.previewReplicaCount: must be at most hpa.maxReplicas = 1 (got 3)",
      "nothing written: fix the problems above",
    ]);
    expect(treeHash(outRoot)).toBe(before);
  });

  it("names an unknown env", () => {
    const { code, lines } = synth(join(tempDir("unknown"), "dist"), { envs: ["qa"] });
    expect(code).toBe(EXIT.invalidConfig);
    expect(lines[0]).toBe("env qa: unknown env; known envs: production, staging");
  });
});
