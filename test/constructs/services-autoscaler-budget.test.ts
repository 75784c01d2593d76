import { describe, expect, it } from "vitest";
import { ROLE_LABEL } from "../../src/constructs/labels";
import { configOf, find, manifestsOf } from "../support/fixtures";

const production = () => manifestsOf(configOf("production"));

describe("Services", () => {
  it("give the Rollout an active and a preview Service that select the Rollout's pods", () => {
    const manifests = production();
    const rollout = find(manifests, "Rollout", "website");
    for (const name of [
      rollout.spec.strategy.blueGreen.activeService,
      rollout.spec.strategy.blueGreen.previewService,
    ]) {
      const service = find(manifests, "Service", name);
      expect(service.spec.selector).toEqual(rollout.spec.selector.matchLabels);
      expect(service.spec.ports).toEqual([{ name: "http", port: 3000, targetPort: 3000, protocol: "TCP" }]);
    }
  });

  it("never select on the role label the controller flips during a promotion", () => {
    for (const service of production().filter((m) => m.kind === "Service")) {
      expect(Object.keys(service.spec.selector)).not.toContain(ROLE_LABEL);
    }
  });

  it("expose metrics on a named port of a headless Service", () => {
    const metrics = find(production(), "Service", "website-metrics");
    expect(metrics.spec.clusterIP).toBe("None");
    expect(metrics.spec.ports).toEqual([{ name: "metrics", port: 9464, targetPort: "metrics", protocol: "TCP" }]);
  });
});

describe("HorizontalPodAutoscaler", () => {
  it("scales the Rollout between 3 and 20 replicas", () => {
    const hpa = find(production(), "HorizontalPodAutoscaler", "website");
    expect(hpa.apiVersion).toBe("autoscaling/v2");
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: "website" });
    expect(hpa.spec.minReplicas).toBe(3);
    expect(hpa.spec.maxReplicas).toBe(20);
  });

  it("lists CPU 70 % then memory 80 %, in that order", () => {
    const hpa = find(production(), "HorizontalPodAutoscaler", "website");
    expect(
      hpa.spec.metrics.map((m: { resource: { name: string; target: { averageUtilization: number } } }) => [
        m.resource.name,
        m.resource.target.averageUtilization,
      ]),
    ).toEqual([
      ["cpu", 70],
      ["memory", 80],
    ]);
  });

  it("writes the scaling behavior in full so the API server adds no defaults", () => {
    const { behavior } = find(production(), "HorizontalPodAutoscaler", "website").spec;
    for (const direction of [behavior.scaleUp, behavior.scaleDown]) {
      expect(Object.keys(direction).sort()).toEqual(["policies", "selectPolicy", "stabilizationWindowSeconds"]);
    }
  });
});

describe("PodDisruptionBudget and ServiceAccount", () => {
  it("keeps minAvailable pods of the Rollout through drains", () => {
    const manifests = production();
    const pdb = find(manifests, "PodDisruptionBudget", "website");
    expect(pdb.spec.minAvailable).toBe(2);
    expect(pdb.spec.selector.matchLabels).toEqual(find(manifests, "Rollout", "website").spec.selector.matchLabels);
    expect(pdb.spec.unhealthyPodEvictionPolicy).toBe("AlwaysAllow");
  });

  it("renders a ServiceAccount that mounts no token", () => {
    expect(find(production(), "ServiceAccount", "website").automountServiceAccountToken).toBe(false);
  });
});
