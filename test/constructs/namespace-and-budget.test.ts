import { describe, expect, it } from "vitest";
import { parseEnvConfig } from "../../src/env";
import { configOf, find, inputOf, manifestsOf, setAt } from "../support/fixtures";

describe("namespace", () => {
  it("enforces, audits and warns Pod Security `restricted`, enforce pinned to the cluster version", () => {
    const namespace = find(manifestsOf(configOf("production")), "Namespace", "candlefish-production");
    expect(namespace.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "v1.34",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
    });
    expect(namespace.metadata.annotations["argocd.argoproj.io/sync-wave"]).toBe("-2");
  });

  it("is never deleted by Argo CD: not when its file goes (Prune=false), not with its Application (Delete=false)", () => {
    // A Namespace takes every object in it along: one renamed file or one deleted Application
    // would otherwise delete the whole env (rehearsed in scenario 6).
    for (const env of ["staging", "production"]) {
      const namespace = manifestsOf(configOf(env)).find((m) => m.kind === "Namespace");
      expect(namespace?.metadata.annotations["argocd.argoproj.io/sync-options"]).toBe("Prune=false,Delete=false");
    }
  });
});

describe("resource budget", () => {
  it("sizes the quota for both colours and the one old ReplicaSet the scale-down delay keeps, at maxReplicas, plus every job", () => {
    // GIVEN production: website 250m/512Mi/256Mi requests, 1/1Gi/1Gi limits, maxReplicas 20,
    // scaleDownDelayRevisionLimit 1; the migration Job runs the website image; smoke test 20m/32Mi/64Mi
    // (200m/64Mi/512Mi); the backup 250m/256Mi/256Mi (1/1Gi/1Gi). The restore drill runs in its own namespace.
    const quota = find(manifestsOf(configOf("production")), "ResourceQuota", "compute");
    expect(quota.spec.hard).toEqual({
      pods: 3 * 20 + 1 + 1 + 1,
      "requests.cpu": `${3 * 20 * 250 + 250 + 20 + 250}m`,
      "requests.memory": `${3 * 20 * 512 + 512 + 32 + 256}Mi`,
      "limits.cpu": `${3 * 20 * 1000 + 1000 + 200 + 1000}m`,
      "limits.memory": `${3 * 20 * 1024 + 1024 + 64 + 1024}Mi`,
      "requests.ephemeral-storage": `${3 * 20 * 256 + 256 + 64 + 256}Mi`,
      "limits.ephemeral-storage": `${3 * 20 * 1024 + 1024 + 512 + 1024}Mi`,
    });
  });

  it("follows the env: staging's smaller maxReplicas gives a smaller quota", () => {
    const quota = find(manifestsOf(configOf("staging")), "ResourceQuota", "compute");
    expect(quota.spec.hard.pods).toBe(3 * 6 + 3);
  });

  it("admits every ReplicaSet the Rollout may keep at full size: the quota follows scaleDownDelayRevisionLimit", () => {
    // GIVEN production with two old versions allowed to wait out the delay
    const input = inputOf("production");
    setAt(input, ["workloads", "website", "rollout", "scaleDownDelayRevisionLimit"], 2);
    const manifests = manifestsOf(parseEnvConfig("production", input));
    // THEN the Rollout says so and the quota holds four full copies
    expect(find(manifests, "Rollout", "website").spec.strategy.blueGreen.scaleDownDelayRevisionLimit).toBe(2);
    expect(find(manifests, "ResourceQuota", "compute").spec.hard.pods).toBe(4 * 20 + 3);
  });

  it("caps one container at the largest limit the env declares", () => {
    const limits = find(manifestsOf(configOf("production")), "LimitRange", "container-limits");
    expect(limits.spec.limits[0]).toMatchObject({
      type: "Container",
      max: { cpu: "1000m", memory: "1024Mi", "ephemeral-storage": "1024Mi" },
    });
  });
});
