import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { selfSigned } from "../harness/certificates";
import { type ControlPlane, startControlPlane } from "../harness/control-plane";
import { tempDir } from "../harness/files";
import { Kubectl } from "../harness/kubectl";
import { FAKE_NODE_ANNOTATION, startControllerManager, startKubeScheduler, startKwok } from "../harness/kwok";
import { freePort, type Managed, startManaged, stopManaged, waitFor } from "../harness/processes";
import { toolPath } from "../harness/tools";
import { kwokUsageConfig, resourceMetricsPath, startMetricsServer } from "./metrics-api";

/** Zones the production pod template requires (node affinity) and spreads over (DoNotSchedule). */
const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];
/** Where metrics-server (≥ 0.7) scrapes a node's resource metrics instead of the kubelet's `/metrics/resource`. */
const RESOURCE_METRICS_PATH_ANNOTATION = "metrics.k8s.io/resource-metrics-path";

/**
 * A Kubernetes control plane without kubelets: etcd, kube-apiserver, kube-controller-manager
 * (ReplicaSets, Jobs, the HPA, garbage collection), kube-scheduler, KWOK playing the kubelet of
 * three fake nodes (with emulated resource usage), metrics-server, and the Argo Rollouts
 * controller. Everything runs on loopback and is stopped by PID.
 */
export interface RehearsalCluster {
  readonly controlPlane: ControlPlane;
  readonly kubectl: Kubectl;
  /** The Argo Rollouts controller's Prometheus endpoint: what the chart's ServiceMonitor scrapes. */
  readonly rolloutsMetricsUrl: string;
  /** Output of each component, for failure reports. */
  logs(): Record<string, string>;
  stop(): Promise<void>;
}

export async function startRehearsalCluster(): Promise<RehearsalCluster> {
  const controlPlane = await startControlPlane();
  const kubectl = new Kubectl(controlPlane.kubeconfig);
  const components: Record<string, Managed> = {};
  const dir = tempDir("rehearsal-cluster");
  const stop = async () => {
    for (const managed of Object.values(components).reverse()) await stopManaged(managed);
    await controlPlane.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const kubeconfig = `--kubeconfig=${controlPlane.kubeconfig}`;
    components["kube-controller-manager"] = await startControllerManager(controlPlane, [
      // Its default 15 s period only slows the rehearsal: the HPA follows the load in seconds, not quarters of a minute.
      "--horizontal-pod-autoscaler-sync-period=2s",
      // KWOK's pods are ready, at their steady usage, the instant they start: the defaults (5 min, 30 s)
      // exist for real processes' start-up spikes and would only hold the HPA back here. Its own
      // behavior (the rendered scale-up policy) still paces it.
      "--horizontal-pod-autoscaler-cpu-initialization-period=10s",
      "--horizontal-pod-autoscaler-initial-readiness-delay=5s",
    ]);
    components["kube-scheduler"] = await startKubeScheduler(controlPlane.kubeconfig);
    writeFileSync(join(dir, "kwok-usage.yaml"), kwokUsageConfig());
    const kubelet = selfSigned(dir, "kwok-kubelet", { ip: "127.0.0.1" });
    // One port for every fake node's kubelet endpoint: metrics-server dials the node status port.
    const kubeletPort = await freePort();
    components.kwok = await startKwok(controlPlane.kubeconfig, {
      configs: [toolPath("share", "kwok-metrics.yaml"), join(dir, "kwok-usage.yaml")],
      kubelet: { port: kubeletPort, cert: kubelet.cert, key: kubelet.key },
    });
    const metricsPort = await freePort();
    components["argo-rollouts"] = startManaged(toolPath("bin", "rollouts-controller"), [
      kubeconfig,
      "--leader-elect=false",
      "--ingress-api-version=networking/v1",
      `--metricsPort=${metricsPort}`,
      `--healthzPort=${await freePort()}`,
    ]);
    await kubectl.apply(ZONES.map((zone, index) => fakeNode(`kwok-node-${index}`, zone)));
    await waitFor(
      "three Ready fake nodes",
      async () => {
        const nodes = await kubectl.json<NodeList>("get", "nodes");
        const ready = nodes.items.filter((node) =>
          node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
        );
        return ready.length === ZONES.length ? true : undefined;
      },
      60_000,
    );
    components["metrics-server"] = await startMetricsServer(kubectl, controlPlane.kubeconfig, dir);
    const logs = () =>
      Object.fromEntries(Object.entries(components).map(([name, managed]) => [name, managed.output()]));
    return { controlPlane, kubectl, rolloutsMetricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, logs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface NodeList {
  items: { status?: { conditions?: { type: string; status: string }[] } }[];
}

/**
 * What each fake node offers. KWOK's node-initialize stage keeps a node's own allocatable and capacity
 * and otherwise writes cpu 1k, memory 1Ti, pods 1M (kwok v0.8.0 kustomize/stage/node/fast/node-initialize.yaml, which
 * tools.sh installs), with no ephemeral-storage: pods that request it, as the rendered ones do, would
 * stay Pending ("Insufficient ephemeral-storage"). The same figures plus ephemeral storage.
 */
const FAKE_NODE_RESOURCES = { cpu: "1k", memory: "1Ti", pods: "1M", "ephemeral-storage": "1Ti" };

/** A node only KWOK manages, in one zone, with room for any number of pods. */
function fakeNode(name: string, zone: string): object {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      annotations: {
        [FAKE_NODE_ANNOTATION]: "fake",
        "node.alpha.kubernetes.io/ttl": "0",
        [RESOURCE_METRICS_PATH_ANNOTATION]: resourceMetricsPath(name),
      },
      labels: {
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "topology.kubernetes.io/zone": zone,
        type: "kwok",
      },
    },
    status: { allocatable: FAKE_NODE_RESOURCES, capacity: FAKE_NODE_RESOURCES },
  };
}
