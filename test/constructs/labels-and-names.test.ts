import { describe, expect, it } from "vitest";
import { renderEnv } from "../../src/render/manifests";
import { configOf, manifestsOf } from "../support/fixtures";

const CLUSTER_SCOPED = new Set(["Namespace"]);

describe("names and labels of every object", () => {
  for (const env of ["staging", "production"]) {
    it(`gives every ${env} object an explicit, hash-free name in the env namespace or its restore drill's`, () => {
      const manifests = manifestsOf(configOf(env));
      expect(manifests.length).toBeGreaterThan(30);
      for (const manifest of manifests) {
        // Names come from code (no construct-path hash such as "website-c8a1b2f3").
        expect(manifest.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
        expect(manifest.metadata.name).not.toMatch(/-[0-9a-f]{8}$/);
        const drill = manifest.metadata.labels?.["app.kubernetes.io/name"] === "db-restore-drill";
        const namespace = CLUSTER_SCOPED.has(manifest.kind)
          ? undefined
          : `candlefish-${env}${drill ? "-restore-drill" : ""}`;
        expect(manifest.metadata.namespace, `${manifest.kind}/${manifest.metadata.name}`).toBe(namespace);
      }
    });

    it(`renders the website's core objects in ${env}`, () => {
      const names = manifestsOf(configOf(env)).map((m) => `${m.kind}/${m.metadata.name}`);
      expect(names).toEqual(
        expect.arrayContaining([
          "Rollout/website",
          "Service/website-active",
          "Service/website-preview",
          "Service/website-metrics",
          "HorizontalPodAutoscaler/website",
          "PodDisruptionBudget/website",
          "ServiceAccount/website",
          "AnalysisTemplate/website-pre-promotion",
          "AnalysisTemplate/website-post-promotion",
        ]),
      );
    });

    it(`puts the app.kubernetes.io labels on every ${env} object`, () => {
      for (const manifest of manifestsOf(configOf(env))) {
        expect(manifest.metadata.labels, `${manifest.kind}/${manifest.metadata.name}`).toMatchObject({
          "app.kubernetes.io/name": expect.any(String),
          "app.kubernetes.io/instance": expect.stringMatching(new RegExp(`-${env}$`)),
          "app.kubernetes.io/part-of": "candlefish",
          "app.kubernetes.io/managed-by": "candlefish-gitops",
        });
      }
    });

    it(`never emits the cdk8s.io/metadata.addr label in ${env}`, () => {
      for (const file of renderEnv(configOf(env))) expect(file.content).not.toContain("cdk8s.io/metadata.addr");
    });

    it(`renders no Secret object in ${env}: values come from External Secrets only`, () => {
      expect(manifestsOf(configOf(env)).filter((m) => m.kind === "Secret")).toEqual([]);
    });
  }
});
