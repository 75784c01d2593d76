import { describe, expect, it } from "vitest";
import { type ArgoCdTargets, LEFT_OUT_ADD_ONS, patchArgoCdObject } from "../../rehearsal/argocd-patches";
import { ADD_ONS } from "../../src/addons/catalog";
import { delivery } from "../../src/env/delivery";
import { type Manifest, manifestsIn } from "../support/fixtures";

const TARGETS: ArgoCdTargets = {
  repoUrl: "file:///tmp/rehearsal-repository",
  chartRepoUrl: "http://127.0.0.1:3333",
  clusterName: "candlefish-production",
  syncWindow: "open",
  now: new Date("2026-11-30T03:30:00Z"),
};

/** The committed argocd/ folder, as the rehearsal publishes it. */
const committed = (): Manifest[] => manifestsIn("argocd");
const named = (kind: string, name: string): Manifest => {
  const found = manifestsIn("argocd").find((m) => m.kind === kind && m.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind}/${name} in argocd/`);
  return found;
};

describe("the Argo CD half of the rehearsal patch step", () => {
  it("points this repository's Applications and project at the rehearsal's Git repository", () => {
    for (const name of ["candlefish-root", "website-production"]) {
      const { manifest } = patchArgoCdObject(named("Application", name), TARGETS);
      expect(manifest?.spec.source.repoURL, name).toBe(TARGETS.repoUrl);
    }
    const { manifest } = patchArgoCdObject(named("AppProject", "candlefish"), TARGETS);
    expect(manifest?.spec.sourceRepos).toEqual([TARGETS.repoUrl]);
  });

  it("points the synced add-ons and their project at the local chart repository", () => {
    const { manifest, patches } = patchArgoCdObject(named("Application", "argo-rollouts-production"), TARGETS);
    expect(manifest?.spec.source.repoURL).toBe(TARGETS.chartRepoUrl);
    expect(manifest?.spec.source).toMatchObject({ chart: "argo-rollouts", targetRevision: "2.41.0" });
    expect(patches).toEqual([
      {
        object: "Application/argo-rollouts-production",
        field: "spec.source.repoURL",
        from: "https://argoproj.github.io/argo-helm",
        to: TARGETS.chartRepoUrl,
      },
    ]);
    const platform = patchArgoCdObject(named("AppProject", "candlefish-platform"), TARGETS).manifest;
    expect(platform?.spec.sourceRepos).toEqual([TARGETS.chartRepoUrl]);
  });

  it("leaves out every Application of a cluster it does not register, saying so", () => {
    const staging = committed().filter(
      (m) => m.kind === "Application" && m.spec.destination.name === "candlefish-staging",
    );
    expect(staging.length).toBe(ADD_ONS.length + 1);
    for (const application of staging) {
      const result = patchArgoCdObject(application, TARGETS);
      expect(result.manifest).toBeUndefined();
      expect(result.leftOut).toBe(
        "cluster candlefish-staging is not registered: the rehearsal's one control plane is candlefish-production",
      );
    }
  });

  it("syncs each production add-on for real unless it names its reason to be left out", () => {
    for (const addOn of ADD_ONS) {
      const result = patchArgoCdObject(named("Application", `${addOn.name}-production`), TARGETS);
      const reason = LEFT_OUT_ADD_ONS[addOn.name];
      if (reason === undefined) expect(result.manifest?.spec.source.chart, addOn.name).toBe(addOn.chart);
      else expect(result.leftOut, addOn.name).toBe(reason);
    }
    // The Rollout CRDs' owner is synced: scenario 6 deletes its Application.
    expect(LEFT_OUT_ADD_ONS["argo-rollouts"]).toBeUndefined();
  });

  it("opens the production sync window: a window starting every minute is always open", () => {
    const project = named("AppProject", "candlefish");
    const { manifest, patches } = patchArgoCdObject(project, TARGETS);
    expect(manifest?.spec.syncWindows[0]).toEqual({ ...project.spec.syncWindows[0], schedule: "* * * * *" });
    expect(patches).toContainEqual({
      object: "AppProject/candlefish",
      field: "spec.syncWindows[0].schedule",
      from: delivery.productionSyncWindow.schedule,
      to: "* * * * *",
    });
  });

  it("closes it on request: one hour a day, starting twelve hours from now", () => {
    // GIVEN 03:30 UTC WHEN closed THEN the window is 15:00-16:00 UTC, eleven hours away either side
    const project = named("AppProject", "candlefish");
    const { manifest } = patchArgoCdObject(project, { ...TARGETS, syncWindow: "closed" });
    expect(manifest?.spec.syncWindows[0]).toEqual({
      ...project.spec.syncWindows[0],
      schedule: "0 15 * * *",
      duration: "1h",
    });
    expect(manifest?.spec.syncWindows[0].manualSync).toBe(true);
  });

  it("changes nothing else and leaves its input untouched", () => {
    for (const original of committed()) {
      const before = structuredClone(original);
      const { manifest } = patchArgoCdObject(original, TARGETS);
      expect(original).toEqual(before);
      if (manifest === undefined) continue;
      const unpatched = structuredClone(manifest);
      if (unpatched.kind === "Application") unpatched.spec.source.repoURL = original.spec.source.repoURL;
      if (unpatched.kind === "AppProject") {
        unpatched.spec.sourceRepos = original.spec.sourceRepos;
        unpatched.spec.syncWindows = original.spec.syncWindows;
      }
      expect(unpatched, `${original.kind}/${original.metadata.name}`).toEqual(original);
    }
  });
});
