import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type ControlPlane, startControlPlane } from "../../harness/control-plane";
import { filesBelow } from "../../src/render/output";
import { type Manifest, manifestsIn } from "../support/fixtures";

const CRD_ROOT = "../shared/crds";
const FIELD_MANAGER = "candlefish-rehearsal";
let cluster: ControlPlane;

const yamlFiles = (dir: string) =>
  filesBelow(dir)
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => join(dir, name));

/** The REST path of an object, from its apiVersion and kind (plural: lower-case kind + s, with the few exceptions here). */
function pathOf(manifest: Manifest): string {
  const plural =
    { NetworkPolicy: "networkpolicies", Ingress: "ingresses", PodDisruptionBudget: "poddisruptionbudgets" }[
      manifest.kind as string
    ] ?? `${manifest.kind.toLowerCase()}s`;
  const prefix = manifest.apiVersion.includes("/") ? `/apis/${manifest.apiVersion}` : `/api/${manifest.apiVersion}`;
  const namespace = manifest.metadata.namespace ? `/namespaces/${manifest.metadata.namespace}` : "";
  return `${prefix}${namespace}/${plural}/${manifest.metadata.name}`;
}

/** Server-side apply, as `kubectl apply --server-side` sends it; `dryRun` validates without storing. */
function apply(manifest: Manifest, dryRun: boolean) {
  const query = `?fieldManager=${FIELD_MANAGER}&force=true${dryRun ? "&dryRun=All" : ""}`;
  return cluster.call("PATCH", `${pathOf(manifest)}${query}`, JSON.stringify(manifest), "application/apply-patch+yaml");
}

// The CRDs come from ../shared/crds, which CI lays next to every clone.
describe.runIf(existsSync(CRD_ROOT))("server-side dry run against a real kube-apiserver v1.34", () => {
  beforeAll(async () => {
    const started = performance.now();
    cluster = await startControlPlane();
    const ready = performance.now();
    const crds = manifestsIn(CRD_ROOT).filter((manifest) => manifest.kind === "CustomResourceDefinition");
    for (const crd of crds) {
      const response = await apply(crd, false);
      if (response.status >= 300) throw new Error(`installing ${crd.metadata.name}: ${response.body}`);
    }
    // A CRD serves its kind only once Established.
    for (const crd of crds) {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const status = JSON.parse((await apply(crd, true)).body).status?.conditions ?? [];
        if (status.some((c: Manifest) => c.type === "Established" && c.status === "True")) break;
        if (Date.now() > deadline) throw new Error(`${crd.metadata.name} never became Established`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    // The namespaces the objects live in exist for real, as Argo CD's first wave would create them: every
    // rendered Namespace (the env's and the restore drill's), and argocd, which the bootstrap creates.
    const rendered = ["dist/staging", "dist/production"]
      .flatMap(yamlFiles)
      .map((file) => parse(readFileSync(file, "utf8")) as Manifest)
      .filter((manifest) => manifest.kind === "Namespace");
    for (const namespace of [...rendered, { apiVersion: "v1", kind: "Namespace", metadata: { name: "argocd" } }]) {
      await apply(namespace as Manifest, false);
    }
    console.info(
      `kube-apiserver ready in ${((ready - started) / 1000).toFixed(1)} s; CRDs and namespaces in ${((performance.now() - ready) / 1000).toFixed(1)} s`,
    );
  }, 180_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  for (const folder of ["dist/staging", "dist/production", "argocd"]) {
    it(`accepts every object in ${folder} (server-side apply, dryRun=All)`, async () => {
      const refused: string[] = [];
      const files = yamlFiles(folder);
      expect(files.length).toBeGreaterThan(10);
      for (const file of files) {
        const manifest = parse(readFileSync(file, "utf8")) as Manifest;
        const response = await apply(manifest, true);
        if (response.status >= 300)
          refused.push(`${file}: HTTP ${response.status} ${JSON.parse(response.body).message}`);
      }
      expect(refused).toEqual([]);
    }, 120_000);
  }

  it("refuses an object the API server finds invalid (the check can fail)", async () => {
    const service = parse(readFileSync("dist/production/service-website-active.yaml", "utf8")) as Manifest;
    service.spec.ports[0].port = 70000;
    const response = await apply(service, true);
    expect(response.status).toBe(422);
    expect(JSON.parse(response.body).message).toContain("spec.ports[0].port");
  });

  it("refuses a custom resource with a field its CRD does not declare", async () => {
    const rollout = parse(readFileSync("dist/production/rollout-website.yaml", "utf8")) as Manifest;
    rollout.spec.strategy.blueGreen.autoPromotionSecnds = 30;
    const response = await apply(rollout, true);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.body).toContain("autoPromotionSecnds");
  });
});
