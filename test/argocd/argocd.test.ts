import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ADD_ONS } from "../../src/addons/catalog";
import { environments, type Manifest } from "../support/fixtures";

/** The committed output, as Argo CD reads it from Git. */
const read = (dir: string): Manifest[] =>
  readdirSync(dir)
    .filter((file) => file.endsWith(".yaml"))
    .map((file) => parse(readFileSync(join(dir, file), "utf8")) as Manifest);

const apps = () => read("argocd/apps");
const applications = () => apps().filter((m) => m.kind === "Application");
const productApps = () => applications().filter((app) => app.spec.project === "candlefish");
const productProject = (): Manifest => {
  const project = apps().find((m) => m.kind === "AppProject" && m.metadata.name === "candlefish");
  if (project === undefined) throw new Error("no AppProject candlefish in argocd/apps");
  return project;
};

describe("argocd/", () => {
  it("gives every env exactly one Application, pointing at a folder that exists in dist/", () => {
    const byEnv = Object.keys(environments).map((env) =>
      productApps().filter((app) => app.spec.source.path === `dist/${env}`),
    );
    for (const found of byEnv) expect(found).toHaveLength(1);
    expect(productApps()).toHaveLength(Object.keys(environments).length);
    for (const app of applications().filter((a) => a.spec.source.path !== undefined)) {
      expect(existsSync(app.spec.source.path), app.metadata.name).toBe(true);
    }
  });

  it("syncs each env automatically with prune, selfHeal, PruneLast and RespectIgnoreDifferences", () => {
    for (const app of productApps()) {
      expect(app.spec.syncPolicy.automated).toMatchObject({ prune: true, selfHeal: true });
      expect(app.spec.syncPolicy.syncOptions).toEqual(
        expect.arrayContaining(["PruneLast=true", "RespectIgnoreDifferences=true"]),
      );
      expect(app.spec.syncPolicy.retry.backoff).toEqual({ duration: "10s", factor: 2, maxDuration: "5m" });
    }
  });

  it("retries a failed sync with the newest commit, so a fix pushed meanwhile is not held back", () => {
    // Without refresh Argo CD retries the failed revision five times (about five minutes) and the
    // revert waits; found by the rehearsal (scenario 1b).
    for (const app of [...applications(), ...read("argocd")]) {
      expect(app.spec.syncPolicy.retry.refresh, app.metadata.name).toBe(true);
    }
  });

  it("has no cascade finalizer anywhere: deleting an Application or its file leaves what it deployed running", () => {
    // The root prunes an Application whose file disappears; with the finalizer that deleted the
    // env's namespace and workload (website) or every Rollout with its CRDs (argo-rollouts).
    for (const app of [...applications(), ...read("argocd")]) {
      expect(app.metadata.finalizers, app.metadata.name).toBeUndefined();
    }
  });

  it("renders no source field Argo CD strips as a default, so the app of apps never fights it", () => {
    // `directory: { recurse: false }` is removed from the live Application by Argo CD
    // (util/argo NormalizeSource) and re-applied by the root on every sync, forever.
    for (const app of [...applications(), ...read("argocd")]) {
      expect(app.spec.source.directory, app.metadata.name).toBeUndefined();
    }
  });

  it("applies the website client-side, so a sync keeps the hash the Rollouts controller adds to the Service selectors", () => {
    // Found by the rehearsal: server-side apply owns the atomic spec.selector and drops
    // rollouts-pod-template-hash, which sends active traffic to every ReplicaSet at once.
    for (const app of productApps()) {
      expect(app.spec.syncPolicy.syncOptions).not.toContain("ServerSideApply=true");
    }
  });

  it("ignores the Rollout's replicas, which the HPA owns", () => {
    for (const app of productApps()) {
      expect(app.spec.ignoreDifferences).toEqual([
        { group: "argoproj.io", kind: "Rollout", jsonPointers: ["/spec/replicas"] },
      ]);
    }
  });

  it("whitelists exactly the kinds dist/ contains, and nothing more", () => {
    const project = productProject();
    const allowed = [...project.spec.namespaceResourceWhitelist, ...project.spec.clusterResourceWhitelist]
      .map((gk: Manifest) => `${gk.group}/${gk.kind}`)
      .sort();
    const emitted = new Set<string>();
    for (const env of Object.keys(environments)) {
      for (const manifest of read(join("dist", env))) {
        const group = manifest.apiVersion.includes("/") ? manifest.apiVersion.split("/")[0] : "";
        emitted.add(`${group}/${manifest.kind}`);
      }
    }
    expect(allowed).toEqual([...emitted].sort());
    expect(project.spec.clusterResourceWhitelist).toEqual([{ group: "", kind: "Namespace" }]);
  });

  it("lets release managers promote, abort, retry and restart, but never skip a gate", () => {
    const policies: string[] = productProject().spec.roles[0].policies;
    const actions = new Set(
      policies.map((p) => /action\/argoproj\.io\/Rollout\/([^,]+),/.exec(p)?.[1]).filter(Boolean),
    );
    expect([...actions].sort()).toEqual(["abort", "restart", "resume", "retry"]);
    // promote-full and skip-current-step serve a release without its remaining analysis; pause sets spec.paused.
    expect(policies.join("\n")).not.toMatch(/Rollout\/\*|promote-full|skip-current-step|pause/);
  });

  it("allows only this repository and only the env namespaces (and their restore drills') on the env clusters", () => {
    const project = apps().find((m) => m.kind === "AppProject" && m.metadata.name === "candlefish");
    expect(project?.spec.sourceRepos).toEqual(["https://github.com/candlefish-ai/candlefish-gitops.git"]);
    expect(project?.spec.destinations).toEqual([
      { name: "candlefish-staging", namespace: "candlefish-staging" },
      { name: "candlefish-staging", namespace: "candlefish-staging-restore-drill" },
      { name: "candlefish-production", namespace: "candlefish-production" },
      { name: "candlefish-production", namespace: "candlefish-production-restore-drill" },
    ]);
    expect(project?.spec.orphanedResources).toEqual({ warn: true });
    expect(project?.spec.syncWindows).toEqual([
      expect.objectContaining({ kind: "allow", applications: ["website-production"], manualSync: true }),
    ]);
  });

  it("installs every add-on in every env cluster from its pinned chart version", () => {
    const addOnApps = applications().filter((app) => app.spec.project === "candlefish-platform");
    expect(addOnApps).toHaveLength(ADD_ONS.length * Object.keys(environments).length);
    for (const app of addOnApps) {
      expect(app.spec.source.targetRevision).toMatch(/^\d+\.\d+\.\d+$/);
      expect(app.spec.source.chart).toBeDefined();
    }
    const lbc = addOnApps.find((app) => app.metadata.name === "aws-load-balancer-controller-production");
    expect(lbc?.spec.source.helm.valuesObject).toMatchObject({
      clusterName: "candlefish-production",
      vpcId: "vpc-00000000000000000",
      serviceAccount: {
        annotations: { "eks.amazonaws.com/role-arn": expect.stringMatching(/aws-load-balancer-controller$/) },
      },
    });
    const prometheus = addOnApps.find((app) => app.metadata.name === "kube-prometheus-stack-staging");
    expect(prometheus?.spec.source.helm.valuesObject.grafana.sidecar.dashboards).toMatchObject({
      enabled: true,
      searchNamespace: "ALL",
    });
  });

  it("has a root Application that a new cluster applies once, pointing at argocd/apps", () => {
    const [root] = read("argocd");
    expect(root?.kind).toBe("Application");
    expect(root?.spec.source.path).toBe("argocd/apps");
    expect(root?.metadata.finalizers).toBeUndefined();
  });
});

describe("sync waves", () => {
  const wave = (m: Manifest) => Number(m.metadata.annotations?.["argocd.argoproj.io/sync-wave"] ?? 0);

  it("creates the AppProjects before any Application that names them", () => {
    // An Application whose project does not exist yet waits for the next resync (about a minute in
    // the rehearsal's bootstrap before this wave existed).
    const projects = apps().filter((m) => m.kind === "AppProject");
    const firstApplication = Math.min(...applications().map(wave));
    expect(projects).toHaveLength(2);
    for (const project of projects) expect(wave(project)).toBeLessThan(firstApplication);
  });

  it("orders namespace and secrets, then services, analysis, policies and monitoring, then Rollout and HPA", () => {
    for (const env of Object.keys(environments)) {
      const manifests = read(join("dist", env));
      const waveOf = (kind: string) => [...new Set(manifests.filter((m) => m.kind === kind).map(wave))];
      expect(waveOf("Namespace")).toEqual([-2]);
      for (const kind of ["ExternalSecret", "SecretStore", "ServiceAccount", "ResourceQuota"])
        expect(waveOf(kind)).toEqual([-1]);
      for (const kind of [
        "Service",
        "AnalysisTemplate",
        "NetworkPolicy",
        "ServiceMonitor",
        "PrometheusRule",
        "ConfigMap",
      ]) {
        expect(waveOf(kind), kind).toEqual([0]);
      }
      expect(waveOf("Job")).toEqual([1]);
      for (const kind of ["Rollout", "HorizontalPodAutoscaler"]) expect(waveOf(kind)).toEqual([2]);
    }
  });

  it("has no PostSync hook anywhere in dist/ or argocd/", () => {
    const all = [...apps(), ...read("argocd"), ...Object.keys(environments).flatMap((env) => read(join("dist", env)))];
    for (const manifest of all) {
      expect(manifest.metadata.annotations?.["argocd.argoproj.io/hook"] ?? "").not.toContain("PostSync");
    }
  });
});
