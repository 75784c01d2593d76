import { describe, expect, it } from "vitest";
import { planSync } from "../../rehearsal/deploy";
import { configOf, type Manifest, manifestsOf } from "../support/fixtures";

const names = (manifests: Manifest[]) => manifests.map((m) => `${m.kind}/${m.metadata.name}`);

describe("the rehearsal's sync emulation", () => {
  it("applies waves in ascending order, every rendered object exactly once", () => {
    const manifests = manifestsOf(configOf("production"));
    const plan = planSync(manifests);
    const waves = plan.map((step) => step.wave);
    expect(waves).toEqual([...waves].sort((a, b) => a - b));
    const planned = plan.flatMap((step) => [...step.clientSide, ...step.serverSide, ...step.hooks]);
    expect(names(planned).sort()).toEqual(names(manifests).sort());
  });

  it("runs the migration Job as a hook, after its wave's resources and before the Rollout's wave", () => {
    const plan = planSync(manifestsOf(configOf("production")));
    const hookWave = plan.findIndex((step) => names(step.hooks).includes("Job/db-migrate"));
    const rolloutWave = plan.findIndex((step) => names(step.clientSide).includes("Rollout/website"));
    expect(hookWave).toBeGreaterThanOrEqual(0);
    expect(rolloutWave).toBeGreaterThan(hookWave);
  });

  it("applies client-side unless an object asks for ServerSideApply=true", () => {
    // GIVEN a dashboard ConfigMap marked for server-side apply, as large dashboards are
    const manifests = manifestsOf(configOf("production"));
    const dashboard = manifests.find((m) => m.kind === "ConfigMap" && m.metadata.name.includes("dashboard"));
    if (dashboard === undefined) throw new Error("no dashboard ConfigMap rendered");
    dashboard.metadata.annotations = {
      ...dashboard.metadata.annotations,
      "argocd.argoproj.io/sync-options": "ServerSideApply=true",
    };
    // WHEN the sync is planned THEN only that object goes server-side
    const plan = planSync(manifests);
    expect(names(plan.flatMap((step) => step.serverSide))).toEqual([`ConfigMap/${dashboard.metadata.name}`]);
    expect(names(plan.flatMap((step) => step.clientSide))).toContain("Service/website-active");
  });
});
