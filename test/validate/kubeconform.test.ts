import { spawnSync } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { toolPath } from "../../harness/tools";
import { runSynth } from "../../src/cli/synth";
import { synthOptions, tempDir } from "../support/fixtures";

/** Runs the project's real validate script (pinned kubeconform, offline schemas) on a folder. */
function validate(dir: string) {
  const result = spawnSync("bash", ["scripts/validate.sh", dir], { encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("kubeconform validation (real binary)", () => {
  let rendered: string;
  beforeAll(() => {
    toolPath();
    rendered = join(tempDir("kubeconform"), "dist");
    runSynth(synthOptions(rendered), { log: () => {}, error: () => {} });
  });

  it("accepts every rendered object for Kubernetes 1.28 and 1.34 with nothing skipped", () => {
    const { status, output } = validate(rendered);
    expect(status).toBe(0);
    const files = readdirSync(rendered, { recursive: true }).filter((name) => String(name).endsWith(".yaml")).length;
    expect(files).toBeGreaterThan(0);
    const summaries = output.split("\n").filter((line) => line.startsWith("Summary:"));
    const clean = `Summary: ${files} resources found in ${files} files - Valid: ${files}, Invalid: 0, Errors: 0, Skipped: 0`;
    expect(summaries).toEqual([clean, clean]);
  });

  it("rejects an unknown field in a Rollout (CRD schema) and in a Service (core schema)", () => {
    const dir = tempDir("kubeconform-bad");
    const rollout = readFileSync(join(rendered, "production", "rollout-website.yaml"), "utf8");
    writeFileSync(
      join(dir, "rollout.yaml"),
      rollout.replace("  revisionHistoryLimit: 5", "  revisionHistoryLimit: 5\n  replica: 3"),
    );
    const service = readFileSync(join(rendered, "production", "service-website-active.yaml"), "utf8");
    writeFileSync(join(dir, "service.yaml"), service.replace("  type: ClusterIP", "  type: ClusterIP\n  typo: true"));
    const { status, output } = validate(dir);
    expect(status).not.toBe(0);
    expect(output).toContain("additional properties 'replica' not allowed");
    expect(output).toContain("additional properties 'typo' not allowed");
  });

  it("rejects a pod template field inside the Rollout that Kubernetes does not know", () => {
    const dir = tempDir("kubeconform-template");
    const rollout = readFileSync(join(rendered, "production", "rollout-website.yaml"), "utf8");
    writeFileSync(
      join(dir, "rollout.yaml"),
      rollout.replace(
        "      automountServiceAccountToken: false",
        "      automountServiceAccountToken: false\n      hostNetwrk: true",
      ),
    );
    const { status, output } = validate(dir);
    expect(status).not.toBe(0);
    expect(output).toContain("additional properties 'hostNetwrk' not allowed");
  });

  it("fails on a kind it has no schema for instead of skipping it", () => {
    const dir = tempDir("kubeconform-unknown");
    copyFileSync(join(rendered, "production", "serviceaccount-website.yaml"), join(dir, "ok.yaml"));
    writeFileSync(join(dir, "widget.yaml"), "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");
    const { status, output } = validate(dir);
    expect(status).not.toBe(0);
    expect(output).toContain("could not find schema for Widget");
  });
});
