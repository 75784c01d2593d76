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
export interface KwokOptions {
  /** Stage configs after the pinned kwok-stages.yaml (the rehearsal's metrics and usage). */
  readonly configs?: readonly string[];
  /**
   * One HTTPS endpoint for every fake node's kubelet (node port and server address alike), for a caller
   * whose metrics-server dials the node status port; without it both ports are free ones nobody dials.
   */
  readonly kubelet?: { readonly port: number; readonly cert: string; readonly key: string };
}

export async function startKwok(kubeconfig: string, options: KwokOptions = {}): Promise<Managed> {
  const { kubelet } = options;
  const nodePort = kubelet?.port ?? (await freePort());
  const serverPort = kubelet?.port ?? (await freePort());
  return startManaged(toolPath("bin", "kwok"), [
    `--kubeconfig=${kubeconfig}`,
    ...[toolPath("share", "kwok-stages.yaml"), ...(options.configs ?? [])].map((config) => `--config=${config}`),
    "--manage-all-nodes=false",
    `--manage-nodes-with-annotation-selector=${FAKE_NODE_ANNOTATION}=fake`,
    "--cidr=10.0.0.1/16",
    "--node-ip=127.0.0.1",
    // Node leases keep the fake nodes Ready; without them the node lifecycle controller marks them NotReady.
    "--node-lease-duration-seconds=40",
    `--node-port=${nodePort}`,
    `--server-address=127.0.0.1:${serverPort}`,
    ...(kubelet === undefined ? [] : [`--tls-cert-file=${kubelet.cert}`, `--tls-private-key-file=${kubelet.key}`]),
  ]);
}
