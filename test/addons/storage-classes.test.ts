import { describe, expect, it } from "vitest";
import { STORAGE_CLASS } from "../../src/addons/prometheus-storage";
import { addOnReleases } from "../../src/validate/addons/add-on-releases";
import { CSI_PROVISIONERS } from "../../terraform-ts/src/config/eks-add-ons";
import { type Manifest, manifestsIn } from "../support/fixtures";

/** Every value of a `storageClassName` key anywhere below `node`. */
function storageClassNames(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(storageClassNames);
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "storageClassName" && typeof value === "string" ? [value] : storageClassNames(value),
  );
}

describe("storage the cluster can provide", () => {
  const releases = addOnReleases("argocd/apps");
  const rendered = [
    ...manifestsIn("dist"),
    ...releases.flatMap((release) => (release.values.extraManifests ?? []) as Manifest[]),
  ];
  const classes = rendered.filter((object) => object.kind === "StorageClass");

  it("asks only for storage classes the rendered output creates", () => {
    const asked = new Set([
      ...storageClassNames(manifestsIn("dist")),
      ...storageClassNames(releases.map((r) => r.values)),
    ]);
    expect([...asked]).toEqual([STORAGE_CLASS]);
    expect(classes.map((object) => object.metadata.name)).toContain(STORAGE_CLASS);
  });

  it("creates an encrypted gp3 class that binds where the pod lands (EBS volumes are zonal)", () => {
    const gp3 = classes.find((object) => object.metadata.name === STORAGE_CLASS);
    expect(gp3).toMatchObject({
      provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true" },
      volumeBindingMode: "WaitForFirstConsumer",
    });
  });

  it("names only provisioners whose CSI driver terraform-ts installs as an EKS add-on", () => {
    const installed: string[] = Object.values(CSI_PROVISIONERS);
    expect(classes.length).toBeGreaterThan(0);
    for (const storageClass of classes)
      expect(installed, storageClass.metadata.name).toContain(storageClass.provisioner);
  });

  it("keeps Prometheus' data for the whole SLO window on two replicas, below the volume's size", () => {
    for (const release of releases.filter((candidate) => candidate.chart === "kube-prometheus-stack")) {
      const spec = (release.values.prometheus as { prometheusSpec: Manifest }).prometheusSpec;
      expect(spec.replicas, release.application).toBe(2);
      expect(spec.retention).toBe("30d");
      const volumeGi = Number.parseInt(spec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage, 10);
      expect(Number.parseInt(spec.retentionSize, 10) * 1e9).toBeLessThan(volumeGi * 2 ** 30);
    }
  });
});
