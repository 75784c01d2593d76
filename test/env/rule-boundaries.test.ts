import { describe, expect, it } from "vitest";
import { parseEnvConfig } from "../../src/env";
import { configOf, inputOf, setAt } from "../support/fixtures";

/** GIVEN production's config with some fields set, WHEN it is parsed: the problems, or none. */
function problemsWith(...edits: [path: string[], value: unknown][]): string {
  const input = inputOf("production");
  for (const [path, value] of edits) setAt(input, path, value);
  try {
    parseEnvConfig("production", input);
    return "";
  } catch (error) {
    return String(error);
  }
}

const website = (...path: string[]) => ["workloads", "website", ...path];

/** The committed production website workload, parsed. */
function committedWebsite() {
  const workload = configOf("production").workloads.website;
  if (workload === undefined) throw new Error("production has no website workload");
  return workload;
}

describe("env rules at their boundaries (equal is the last accepted value, or the first refused)", () => {
  it("accepts an HPA whose maximum equals its minimum", () => {
    const pinned = (maxReplicas: number) =>
      problemsWith([website("hpa", "minReplicas"), 20], [website("hpa", "maxReplicas"), maxReplicas]);
    expect(pinned(20)).not.toMatch(/hpa\.maxReplicas: must be at least hpa\.minReplicas/);
    expect(pinned(19)).toMatch(/hpa\.maxReplicas: must be at least hpa\.minReplicas = 20 \(got 19\)/);
  });

  it("accepts a preview as large as the HPA maximum, not larger", () => {
    const maxReplicas = committedWebsite().hpa.maxReplicas;
    expect(problemsWith([website("rollout", "previewReplicaCount"), maxReplicas])).toBe("");
    expect(problemsWith([website("rollout", "previewReplicaCount"), maxReplicas + 1])).toMatch(
      `rollout.previewReplicaCount: must be at most hpa.maxReplicas = ${maxReplicas}`,
    );
  });

  it("accepts a request equal to its limit (Guaranteed QoS), not above it", () => {
    const limit = committedWebsite().resources.limits.cpu;
    expect(problemsWith([website("resources", "requests", "cpu"), limit])).not.toMatch(/requests\.cpu/);
    expect(problemsWith([website("resources", "requests", "cpu"), "64"])).toMatch(
      `resources.requests.cpu: must be at most resources.limits.cpu = ${limit}`,
    );
  });

  it("refuses a scale-down delay equal to the post-promotion analysis, which the controller would cut off", () => {
    const post = committedWebsite().analysis.postPromotion;
    const duration = post.initialDelaySeconds + post.intervalSeconds * post.count;
    expect(problemsWith([website("rollout", "scaleDownDelaySeconds"), duration])).toMatch(
      /rollout\.scaleDownDelaySeconds: must exceed the post-promotion analysis/,
    );
    expect(problemsWith([website("rollout", "scaleDownDelaySeconds"), duration + 1])).not.toMatch(
      /scaleDownDelaySeconds/,
    );
  });

  it("accepts a gate error rate exactly at the availability budget", () => {
    expect(problemsWith([["slo", "availability"], 0.999], [["slo", "errorRate"], 0.001])).not.toMatch(/slo\.errorRate/);
    expect(problemsWith([["slo", "availability"], 0.999], [["slo", "errorRate"], 0.0011])).toMatch(
      /slo\.errorRate: must be at most 1 - slo\.availability = 0\.001/,
    );
  });
});
