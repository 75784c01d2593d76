import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toolPath } from "../../harness/tools";
import { scanForSecrets } from "../../src/validate/secret-scan";
import { wrapForPolicyCheck } from "../../src/validate/wrap-rollouts";
import { tempDir } from "../support/fixtures";

let venv = "";
beforeAll(() => {
  venv = toolPath("venv", "bin");
});

describe("policy skips", () => {
  it("gives every skipped check a reason of its own", () => {
    const skips = parse(readFileSync("policy/skips.yaml", "utf8")) as Record<
      string,
      Record<string, { check: string; reason: string }>
    >;
    expect(Object.keys(skips).sort()).toEqual(["checkov", "detect-secrets"]);
    const entries = Object.values(skips).flatMap((tool) => Object.entries(tool));
    expect(entries.length).toBeLessThanOrEqual(5);
    for (const [id, skip] of entries) {
      expect(skip.check, id).toMatch(/\w/);
      expect(skip.reason.length, id).toBeGreaterThan(80);
    }
  });
});

describe("wrapping Rollouts for linters", () => {
  it("turns a Rollout's pod template into a Deployment with the same template and selector", () => {
    const rollout = readFileSync("dist/production/rollout-website.yaml", "utf8");
    const [wrapped] = wrapForPolicyCheck("rollout.yaml", rollout);
    const deployment = parse(wrapped?.content ?? "");
    const original = parse(rollout);
    expect(deployment.kind).toBe("Deployment");
    expect(deployment.spec.template).toEqual(original.spec.template);
    expect(deployment.spec.selector).toEqual(original.spec.selector);
  });

  it("turns each Job metric of an AnalysisTemplate into a Job", () => {
    const template = readFileSync("dist/production/analysistemplate-website-pre-promotion.yaml", "utf8");
    const wrapped = wrapForPolicyCheck("pre.yaml", template).map((file) => parse(file.content));
    expect(wrapped.map((job) => [job.kind, job.metadata.name])).toEqual([
      ["Job", "website-pre-promotion-smoke-traffic"],
    ]);
  });

  it("leaves other kinds alone", () => {
    expect(wrapForPolicyCheck("svc.yaml", readFileSync("dist/production/service-website-active.yaml", "utf8"))).toEqual(
      [],
    );
  });
});

describe("the policy tools still bite", () => {
  it("checkov fails a wrapped Rollout whose container runs privileged", () => {
    const dir = tempDir("policy-bad");
    const rollout = readFileSync("dist/production/rollout-website.yaml", "utf8").replace(
      "privileged: false",
      "privileged: true",
    );
    for (const file of wrapForPolicyCheck("rollout.yaml", rollout)) writeFileSync(join(dir, file.name), file.content);
    const run = spawnSync(join(venv, "checkov"), ["-d", dir, "--framework", "kubernetes", "--quiet", "-o", "json"], {
      encoding: "utf8",
    });
    const failed = (JSON.parse(run.stdout).results.failed_checks as { check_id: string }[]).map((c) => c.check_id);
    expect(failed).toContain("CKV_K8S_16"); // "Container should not be privileged"
  });

  it("detect-secrets finds a planted private key even with the keyword detector off", () => {
    const dir = tempDir("policy-secret");
    const header = ["-----BEGIN", "RSA PRIVATE KEY-----"].join(" ");
    writeFileSync(join(dir, "leak.yaml"), `key: |\n  ${header}\n  MIIEowIBAAKCAQEA7x\n`);
    const findings = scanForSecrets(join(venv, "detect-secrets"), dir, ["."], ["KeywordDetector"]);
    expect(findings.map(([file, hits]) => [file, hits[0]?.type])).toEqual([["leak.yaml", "Private Key"]]);
  });
});
