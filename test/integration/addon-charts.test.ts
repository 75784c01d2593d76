import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedFolder } from "../../harness/shared";
import { toolPath } from "../../harness/tools";
import { ARGO_ROLLOUTS_CONTROLLER } from "../../src/addons/catalog";
import { type AddOnRelease, addOnReleases } from "../../src/validate/addons/add-on-releases";
import { crdDifferences } from "../../src/validate/addons/chart-crds";
import { chartKeys } from "../../src/validate/addons/chart-values";
import { type AddOnCheckReport, checkAddOns } from "../../src/validate/addons/check";
import { helmTemplate } from "../../src/validate/addons/helm-template";
import { kubeconform } from "../../src/validate/addons/kubeconform";
import { unknownValues } from "../../src/validate/addons/unknown-values";
import { configOf, environments, type Manifest, manifestsIn } from "../support/fixtures";

const APPS = resolve("argocd/apps");
let report: AddOnCheckReport;

const releaseOf = (application: string): AddOnRelease => {
  const found = addOnReleases(APPS).find((release) => release.application === application);
  if (found === undefined) throw new Error(`no add-on Application ${application} in argocd/apps`);
  return found;
};
const objectsOf = (application: string) =>
  report.releases.find((entry) => entry.release.application === application)?.objects ?? [];

describe("add-on Applications rendered by the real helm v3.22.0, as Argo CD renders them", () => {
  beforeAll(async () => {
    report = await checkAddOns({
      envs: environments,
      appsDir: APPS,
      chartsDir: sharedFolder("charts"),
      crdsDir: sharedFolder("crds"),
      helm: toolPath("bin", "helm"),
      kubeconform: toolPath("bin", "kubeconform"),
      coreSchemaDir: toolPath("schemas"),
      kubernetesVersions: ["1.28.0", "1.34.0"],
    });
  }, 120_000);

  it("renders every add-on of every env with no problem: values keys, CRDs, kubeconform -strict", () => {
    expect(report.problems).toEqual([]);
    expect(report.releases.map((entry) => entry.release.application).sort()).toEqual(
      addOnReleases(APPS)
        .map((release) => release.application)
        .sort(),
    );
    for (const entry of report.releases) expect(entry.objects.length, entry.release.application).toBeGreaterThan(0);
  });

  it("validates every rendered object against 1.28 and 1.34, with no kind skipped", () => {
    const rendered = report.releases.reduce((sum, entry) => sum + entry.objects.length, 0);
    expect(report.kubeconform.map((result) => result.kubernetesVersion)).toEqual(["1.28.0", "1.34.0"]);
    for (const result of report.kubeconform) expect(result.resources).toBe(rendered);
  });

  it("runs the Argo Rollouts controller the rehearsal builds", () => {
    const controller = objectsOf("argo-rollouts-production").find(
      (object) => object.kind === "Deployment" && object.metadata?.name === "argo-rollouts",
    );
    const images = JSON.stringify(controller);
    expect(images).toContain(`quay.io/argoproj/argo-rollouts:${ARGO_ROLLOUTS_CONTROLLER}`);
    const tools = readFileSync("scripts/tools.sh", "utf8");
    expect(tools).toContain(`ROLLOUTS_RELEASE="${ARGO_ROLLOUTS_CONTROLLER}"`);
  });

  it("marks the Rollout CRDs argo-rollouts installs so Argo CD never deletes them", () => {
    // Deleting a CRD deletes every custom resource of its kind: every Rollout. Argo CD ignores the
    // chart's `helm.sh/resource-policy: keep`; it honours Prune=false/Delete=false. (external-secrets
    // gets the same through `crds.annotations`, but its CRD templates are generated when the chart is
    // packaged and are not in the vendored source; kube-prometheus-stack and the load balancer
    // controller ship CRDs as plain files helm cannot annotate: their Applications have no cascade
    // finalizer, test/argocd.)
    const crds = objectsOf("argo-rollouts-production").filter((object) => object.kind === "CustomResourceDefinition");
    expect(crds.map((crd) => crd.metadata?.name).sort()).toEqual([
      "analysisruns.argoproj.io",
      "analysistemplates.argoproj.io",
      "clusteranalysistemplates.argoproj.io",
      "experiments.argoproj.io",
      "rollouts.argoproj.io",
    ]);
    for (const crd of crds) {
      expect(crd.metadata?.annotations?.["argocd.argoproj.io/sync-options"], crd.metadata?.name).toBe(
        "Prune=false,Delete=false",
      );
    }
  });

  it("runs that controller with target-group verification, the region, and the IRSA role terraform-ts trusts", () => {
    const objects = objectsOf("argo-rollouts-production");
    const deployment = objects.find(
      (object) => object.kind === "Deployment" && object.metadata?.name === "argo-rollouts",
    ) as Manifest | undefined;
    const container = deployment?.spec.template.spec.containers[0];
    expect(container.args).toContain("--aws-verify-target-group");
    expect(container.env).toContainEqual({ name: "AWS_REGION", value: "us-east-1" });
    const account = objects.find((object) => object.kind === "ServiceAccount") as Manifest | undefined;
    expect(deployment?.spec.template.spec.serviceAccountName).toBe(account?.metadata.name);
    expect(account?.metadata).toMatchObject({
      name: "argo-rollouts",
      annotations: { "eks.amazonaws.com/role-arn": configOf("production").infra.addOnRoleArns.argoRollouts },
    });
  });

  it("renders a ServiceMonitor for each add-on that exports metrics, since the cluster serves the CRD", () => {
    const monitors = (application: string) =>
      objectsOf(application).filter((object) => object.kind === "ServiceMonitor").length;
    expect(monitors("argo-rollouts-production")).toBeGreaterThan(0);
    expect(monitors("external-secrets-production")).toBeGreaterThan(0);
  });

  it("makes Grafana create dashboard folders from the grafana_folder annotation", () => {
    // The sidecar's provider file, as the grafana chart renders it (templates/configmap-dashboard-provider.yaml).
    const provider = objectsOf("kube-prometheus-stack-production").find(
      (object) =>
        object.kind === "ConfigMap" && object.metadata?.name === "kube-prometheus-stack-grafana-config-dashboards",
    );
    expect(JSON.stringify(provider?.data)).toContain("foldersFromFilesStructure: true");
  });
});

describe("the add-on checks fail on what they guard against", () => {
  it("reports honorLabels planted under the Argo Rollouts ServiceMonitor values as an unknown key", () => {
    // GIVEN the production Application's values with the key the chart never had
    const release = releaseOf("argo-rollouts-production");
    const values = structuredClone(release.values) as { controller: { metrics: { serviceMonitor: object } } };
    values.controller.metrics.serviceMonitor = { ...values.controller.metrics.serviceMonitor, honorLabels: true };
    // WHEN checked against the pinned chart THEN the key is named
    const chartDir = join(sharedFolder("charts"), `${release.chart}-${release.version}`);
    expect(unknownValues(values, chartKeys(chartDir))).toEqual(["controller.metrics.serviceMonitor.honorLabels"]);
  });

  it("knows keys that only external-secrets' values.schema.json and grafana's subchart declare", () => {
    const charts = sharedFolder("charts");
    expect(
      unknownValues({ serviceMonitor: { honorLabels: true } }, chartKeys(join(charts, "external-secrets-2.9.0"))),
    ).toEqual([]);
    const grafana = { grafana: { sidecar: { dashboards: { provider: { foldersFromFilesStructure: true } } } } };
    expect(unknownValues(grafana, chartKeys(join(charts, "kube-prometheus-stack-88.3.0")))).toEqual([]);
  });

  it("names the CRDs of the v1.8.3 chart (argo-rollouts 2.40.5) that differ from the v1.9.1 CRDs we validate against", async () => {
    const release = { ...releaseOf("argo-rollouts-production"), version: "2.40.5" };
    const rendered = await helmTemplate(
      toolPath("bin", "helm"),
      join(sharedFolder("charts"), "argo-rollouts-2.40.5"),
      release,
      { kubeVersion: "1.34.0", apiVersions: [] },
    );
    const differing = crdDifferences(rendered.objects, manifestsIn(join(sharedFolder("crds"), "argo-rollouts")));
    expect(differing.map((difference) => difference.crd)).toContain("rollouts.argoproj.io");
  });

  it("fails an object with a field its schema lacks, and a kind no CRD describes", async () => {
    const scratch = mkdtempSync(join(tmpdir(), "candlefish-kubeconform-"));
    try {
      const file = join(scratch, "planted.yaml");
      writeFileSync(
        file,
        [
          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: typo}\ndata: {a: b}\nbinaryDatta: {}",
          "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: unknown}",
        ].join("\n---\n"),
      );
      const result = await kubeconform(toolPath("bin", "kubeconform"), toolPath("schemas"), scratch, "1.34.0", [file]);
      expect(result.resources).toBe(2);
      expect(result.errors).toHaveLength(2);
      expect(result.errors.join("\n")).toMatch(/ConfigMap\/typo: .*binaryDatta/);
      expect(result.errors.join("\n")).toMatch(/Widget\/unknown: could not find schema/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
