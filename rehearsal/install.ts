import { join } from "node:path";
import { manifestsIn } from "../harness/files";
import type { Kubectl } from "../harness/kubectl";

/**
 * The upstream CRDs nobody in the rehearsal installs otherwise, Established: Argo CD's own (the
 * hub's install), and those of the add-ons the patch step leaves out (External Secrets, the
 * Prometheus Operator). The synced add-ons install theirs, as in a cluster.
 */
export async function installCrds(kubectl: Kubectl, crdRoot: string, folders: readonly string[]): Promise<void> {
  const crds = folders
    .flatMap((folder) => manifestsIn(join(crdRoot, folder)))
    .filter((manifest) => manifest.kind === "CustomResourceDefinition");
  // Server-side: the largest CRDs exceed the last-applied annotation's size limit.
  await kubectl.apply(crds, true);
  await kubectl.run(["wait", "--for=condition=Established", "crd", "--all", "--timeout=60s"]);
  console.log(`  ${crds.length} CRDs Established (${folders.join(", ")})`);
}
