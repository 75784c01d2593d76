import { describe, expect, it } from "vitest";
import { renderEnv } from "../../src/render/manifests";
import { configOf, manifestsOf } from "../support/fixtures";

describe("names and labels of every object", () => {
  for (const env of ["staging", "production"]) {
    it(`gives every ${env} object an explicit, hash-free name in the env namespace`, () => {
      const names = manifestsOf(configOf(env)).map((m) => `${m.kind}/${m.metadata.name}`);
      expect(names.sort()).toEqual([
        "AnalysisTemplate/website-post-promotion",
        "AnalysisTemplate/website-pre-promotion",
        "HorizontalPodAutoscaler/website",
        "PodDisruptionBudget/website",
        "Rollout/website",
        "Service/website-active",
        "Service/website-metrics",
        "Service/website-preview",
        "ServiceAccount/website",
      ]);
      for (const manifest of manifestsOf(configOf(env))) {
        expect(manifest.metadata.namespace).toBe(`candlefish-${env}`);
      }
    });

    it(`puts the app.kubernetes.io labels on every ${env} object`, () => {
      for (const manifest of manifestsOf(configOf(env))) {
        expect(manifest.metadata.labels).toMatchObject({
          "app.kubernetes.io/name": "website",
          "app.kubernetes.io/instance": `website-${env}`,
          "app.kubernetes.io/part-of": "candlefish",
          "app.kubernetes.io/managed-by": "candlefish-gitops",
        });
      }
    });

    it(`never emits the cdk8s.io/metadata.addr label in ${env}`, () => {
      for (const file of renderEnv(configOf(env))) expect(file.content).not.toContain("cdk8s.io/metadata.addr");
    });
  }
});
