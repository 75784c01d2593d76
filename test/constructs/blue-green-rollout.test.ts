import { describe, expect, it } from "vitest";
import { configOf, find, manifestsOf } from "../support/fixtures";

const rolloutOf = (env: string) => find(manifestsOf(configOf(env)), "Rollout", "website");

describe("blue/green Rollout", () => {
  it("renders a manual gate in production: no auto-promotion, no autoPromotionSeconds", () => {
    const blueGreen = rolloutOf("production").spec.strategy.blueGreen;
    expect(blueGreen.autoPromotionEnabled).toBe(false);
    expect(blueGreen).not.toHaveProperty("autoPromotionSeconds");
  });

  it("promotes itself in staging", () => {
    const blueGreen = rolloutOf("staging").spec.strategy.blueGreen;
    expect(blueGreen.autoPromotionEnabled).toBe(true);
    expect(blueGreen).not.toHaveProperty("autoPromotionSeconds");
  });

  it("leaves replicas to the HPA and never pauses or references a workload", () => {
    for (const env of ["staging", "production"]) {
      const { spec } = rolloutOf(env);
      expect(spec).not.toHaveProperty("replicas");
      expect(spec).not.toHaveProperty("paused");
      expect(spec).not.toHaveProperty("workloadRef");
    }
  });

  it("carries the env's rollout policy", () => {
    const config = configOf("production");
    const policy = config.workloads.website?.rollout;
    expect(rolloutOf("production").spec.strategy.blueGreen).toMatchObject({
      activeService: "website-active",
      previewService: "website-preview",
      previewReplicaCount: policy?.previewReplicaCount,
      scaleDownDelaySeconds: policy?.scaleDownDelaySeconds,
      abortScaleDownDelaySeconds: policy?.abortScaleDownDelaySeconds,
    });
    expect(rolloutOf("production").spec.revisionHistoryLimit).toBe(policy?.revisionHistoryLimit);
  });

  it("keeps at most one old ReplicaSet at full size during the scale-down delay", () => {
    // Unset, every release inside scaleDownDelaySeconds keeps another full copy of the website:
    // the second release's pods no longer fit the quota (rehearsal scenario 7).
    for (const env of ["staging", "production"]) {
      expect(rolloutOf(env).spec.strategy.blueGreen.scaleDownDelayRevisionLimit).toBe(1);
    }
  });

  it("labels active and preview pods with their role", () => {
    const blueGreen = rolloutOf("production").spec.strategy.blueGreen;
    expect(blueGreen.activeMetadata.labels).toEqual({ "candlefish.ai/rollout-role": "active" });
    expect(blueGreen.previewMetadata.labels).toEqual({ "candlefish.ai/rollout-role": "preview" });
  });

  it("inlines the pod template with named int-or-string ports intact", () => {
    const { template, selector } = rolloutOf("production").spec;
    const [container] = template.spec.containers;
    expect(container.ports).toEqual([
      { name: "http", containerPort: 3000, protocol: "TCP" },
      { name: "metrics", containerPort: 9464, protocol: "TCP" },
    ]);
    expect(template.metadata.labels).toEqual(selector.matchLabels);
  });

  it("runs the env's image reference", () => {
    const { template } = rolloutOf("staging").spec;
    expect(template.spec.containers[0].image).toBe("candlefish/website:v1.1.0");
  });
});
