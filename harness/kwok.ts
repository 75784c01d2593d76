import type { ControlPlane } from "./control-plane";
import { freePort, type Managed, startManaged } from "./processes";
import { toolPath } from "./tools";

/** KWOK manages only nodes carrying this annotation with the value "fake" (--manage-nodes-with-annotation-selector). */
export const FAKE_NODE_ANNOTATION = "kwok.x-k8s.io/node";

/** The real kube-scheduler with its default profile (no leader election: one replica on loopback). */
export async function startKubeScheduler(kubeconfig: string): Promise<Managed> {
  return startManaged(toolPath("bin", "kube-scheduler"), [
    `--kubeconfig=${kubeconfig}`,
    "--leader-elect=false",
    "--bind-address=127.0.0.1",
    `--secure-port=${await freePort()}`,
  ]);
}

/**
 * The real kube-controller-manager on loopback (no leader election), signing ServiceAccount tokens with the
 * control plane's key; `extra` picks its controllers and periods for the caller.
 */
export async function startControllerManager(controlPlane: ControlPlane, extra: readonly string[]): Promise<Managed> {
  return startManaged(toolPath("bin", "kube-controller-manager"), [
    `--kubeconfig=${controlPlane.kubeconfig}`,
    "--leader-elect=false",
    "--bind-address=127.0.0.1",
    `--secure-port=${await freePort()}`,
    `--service-account-private-key-file=${controlPlane.serviceAccountKey}`,
    "--use-service-account-credentials=false",
    ...extra,
  ]);
}

/**
 * KWOK playing the kubelet of every node annotated {@link FAKE_NODE_ANNOTATION}=fake: it keeps their status,
 * leases and pods Running, with the pinned stages. Its node-initialize stage keeps a status.allocatable the
 * node was created with (kwok-stages.yaml: `{{ with .status.allocatable }}`), so fake nodes can be sized.
 */
export async function startKwok(kubeconfig: string): Promise<Managed> {
  return startManaged(toolPath("bin", "kwok"), [
    `--kubeconfig=${kubeconfig}`,
    `--config=${toolPath("share", "kwok-stages.yaml")}`,
    "--manage-all-nodes=false",
    `--manage-nodes-with-annotation-selector=${FAKE_NODE_ANNOTATION}=fake`,
    "--cidr=10.0.0.1/16",
    "--node-ip=127.0.0.1",
    // Node leases keep the fake nodes Ready; without them the node lifecycle controller marks them NotReady.
    "--node-lease-duration-seconds=40",
    `--node-port=${await freePort()}`,
    `--server-address=127.0.0.1:${await freePort()}`,
  ]);
}
