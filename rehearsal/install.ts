import { join } from "node:path";
import { type Manifest, manifestsIn } from "../test/support/fixtures";
import { FIELD_MANAGER, type Kubectl } from "./kubectl";

/** The upstream CRDs (Argo Rollouts, Argo CD, Prometheus Operator, External Secrets), Established. */
export async function installCrds(kubectl: Kubectl, crdRoot: string): Promise<void> {
  const crds = manifestsIn(crdRoot).filter((manifest) => manifest.kind === "CustomResourceDefinition");
  // Server-side: the largest CRDs exceed the last-applied annotation's size limit.
  await kubectl.apply(crds, true);
  await kubectl.run(["wait", "--for=condition=Established", "crd", "--all", "--timeout=60s"]);
  console.log(`  ${crds.length} CRDs Established`);
}

/**
 * `kubectl apply --server-side --dry-run=server` of every rendered object: the API server's
 * own validation, admission and CRD schemas. Namespaces must exist for that, so the ones the
 * objects name are created first (the rendered Namespace objects, and argocd for the apps).
 */
export async function dryRunEverything(kubectl: Kubectl, repoRoot: string): Promise<void> {
  const folders = [join(repoRoot, "dist"), join(repoRoot, "argocd")];
  const manifests = folders.flatMap(manifestsIn);
  const rendered = manifests.filter((manifest) => manifest.kind === "Namespace");
  const named = new Set(manifests.map((manifest: Manifest) => manifest.metadata.namespace).filter(Boolean));
  for (const namespace of rendered) named.delete(namespace.metadata.name);
  await kubectl.apply(rendered);
  await kubectl.apply([...named].map((name) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } })));
  for (const folder of folders) {
    const output = await kubectl.run([
      "apply",
      "--server-side",
      "--dry-run=server",
      `--field-manager=${FIELD_MANAGER}`,
      "--recursive",
      "-f",
      folder,
    ]);
    console.log(
      `  ${folder.split("/").pop()}/: ${output.trim().split("\n").length} objects accepted by the API server`,
    );
  }
}
