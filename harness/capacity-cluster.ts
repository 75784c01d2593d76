import { allocatable, nodesAtMax } from "../src/capacity/nodes";
import { clusterPods, NODE_DAEMONSETS, type PodRequests } from "../src/capacity/overheads";
import type { EnvConfig } from "../src/env";
import { type ControlPlane, startControlPlane } from "./control-plane";
import { Kubectl } from "./kubectl";
import { FAKE_NODE_ANNOTATION, startControllerManager, startKubeScheduler, startKwok } from "./kwok";
import { type Managed, stopManaged, waitFor } from "./processes";

/** etcd, kube-apiserver (ResourceQuota admission on by default), kube-controller-manager, kube-scheduler, KWOK. */
export interface CapacityCluster {
  readonly controlPlane: ControlPlane;
  readonly kubectl: Kubectl;
  /** Each component's output, for failure reports. */
  logs(): string;
  stop(): Promise<void>;
}

export async function startCapacityCluster(): Promise<CapacityCluster> {
  const controlPlane = await startControlPlane();
  const kubectl = new Kubectl(controlPlane.kubeconfig);
  const components: Managed[] = [];
  const stop = async () => {
    for (const managed of components.reverse()) await stopManaged(managed);
    await controlPlane.stop();
  };
  try {
    components.push(
      await startControllerManager(controlPlane, [
        // ReplicaSets, the quota's usage, the namespace's default ServiceAccount, and the node lifecycle
        // controller: the TaintNodesByCondition admission plugin (plugin/pkg/admission/nodetaint/admission.go,
        // Admit) taints every new Node node.kubernetes.io/not-ready:NoSchedule, and only this controller
        // (pkg/controller/nodelifecycle/node_lifecycle_controller.go, doNoScheduleTaintingPass) lifts it once
        // the node reports Ready. Without it every pod lacking a toleration stays Pending on Ready nodes.
        "--controllers=replicaset-controller,resourcequota-controller,serviceaccount-controller,serviceaccount-token-controller,node-lifecycle-controller",
        "--resource-quota-sync-period=2s",
        "--node-monitor-period=1s",
      ]),
      await startKubeScheduler(controlPlane.kubeconfig),
      await startKwok(controlPlane.kubeconfig),
    );
    const logs = () => components.map((managed) => managed.output().slice(-4000)).join("\n---\n");
    return { controlPlane, kubectl, logs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The root volume terraform-ts gives every node (terraform-ts/src/constructs/eks-node-groups.ts, the launch
 * template's 50 GiB gp3), less the EKS AMI's kube-reserved ephemeral-storage (1Gi) and the kubelet's default
 * hard eviction threshold nodefs.available 10 %. The website requests ephemeral storage, so a node without it
 * fits none (pkg/scheduler/framework/plugins/noderesources/fit.go, fitsRequest); infra.nodes does not carry
 * the disk because it never binds: 13 pods × 256Mi is a tenth of it (docs/capacity.md).
 */
const EPHEMERAL_STORAGE_MIB = Math.floor(50 * 1024 * 0.9) - 1024;

/**
 * The node groups at max size as KWOK nodes: each with its instance type's real allocatable (capacity less
 * the EKS AMI's reservations, as terraform-ts publishes them), its max pods, and the labels EKS and
 * terraform-ts put on it (zone, region, node group, capacity type, instance type).
 */
export function nodesOf(env: EnvConfig, lostZone?: string): object[] {
  return nodesAtMax(env, lostZone).map((node) => {
    const room = allocatable(env, node.instanceType);
    const group = env.infra.nodes.nodeGroups.find((g) => g.name === node.group);
    const resources = {
      cpu: `${room.cpuMillis}m`,
      memory: `${room.memoryMib}Mi`,
      pods: String(room.pods),
      "ephemeral-storage": `${EPHEMERAL_STORAGE_MIB}Mi`,
    };
    return {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: node.name,
        annotations: { [FAKE_NODE_ANNOTATION]: "fake", "node.alpha.kubernetes.io/ttl": "0" },
        labels: {
          "kubernetes.io/hostname": node.name,
          "kubernetes.io/os": "linux",
          "kubernetes.io/arch": "amd64",
          "topology.kubernetes.io/zone": node.zone,
          "topology.kubernetes.io/region": env.infra.region,
          "eks.amazonaws.com/nodegroup": node.group,
          "eks.amazonaws.com/capacityType": group?.capacityType ?? "",
          // terraform-ts/src/constructs/eks-node-groups.ts labels each group with its capacity type.
          "candlefish.ai/capacity": (group?.capacityType ?? "").toLowerCase(),
          "node.kubernetes.io/instance-type": node.instanceType,
          type: "kwok",
        },
      },
      // Node status may be set on create (pkg/registry/core/node/strategy.go keeps it); KWOK keeps what is set.
      status: { capacity: resources, allocatable: resources },
    };
  });
}

const podOf = (name: string, requests: PodRequests, nodeName?: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "kube-system", labels: { role: "overhead" } },
  spec: {
    ...(nodeName === undefined ? {} : { nodeName }),
    tolerations: [{ operator: "Exists" }],
    containers: [
      {
        name: "main",
        image: "overhead",
        // Only what the chart requests: a resource left out (not 0) is scored by kube-scheduler as 100m / 200Mi
        // (pkg/scheduler/util/pod_resources.go, GetNonzeroRequestForResource), so pods without requests spread.
        resources: {
          requests: {
            ...(requests.cpuMillis > 0 ? { cpu: `${requests.cpuMillis}m` } : {}),
            ...(requests.memoryMib > 0 ? { memory: `${requests.memoryMib}Mi` } : {}),
          },
        },
      },
    ],
  },
});

/**
 * One pod of every DaemonSet on every node (bound like the DaemonSet controller binds them), then the
 * cluster's pods (CoreDNS, add-ons) for the scheduler to place anywhere, as their Deployments would.
 */
export function overheadPodsOf(env: EnvConfig, lostZone?: string): object[] {
  const daemons = nodesAtMax(env, lostZone).flatMap((node) =>
    NODE_DAEMONSETS.map((ds) => podOf(`${ds.name}-${node.name}`, ds, node.name)),
  );
  const cluster = clusterPods(env).map((pod, index) => podOf(`${pod.name.replace(/\s+/g, "-")}-${index}`, pod));
  return [...daemons, ...cluster];
}

interface NodeList {
  items: { spec?: { taints?: { key: string }[] }; status?: { conditions?: { type: string; status: string }[] } }[];
}

/** Creates the nodes and waits until each is Ready and untainted: what the scheduler needs to use it. */
export async function createNodes(kubectl: Kubectl, nodes: object[]): Promise<void> {
  await kubectl.apply(nodes);
  await waitFor(
    `${nodes.length} Ready, untainted nodes`,
    async () => {
      const list = await kubectl.json<NodeList>("get", "nodes");
      const usable = list.items.filter(
        (n) =>
          n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") &&
          (n.spec?.taints ?? []).length === 0,
      );
      return usable.length === nodes.length ? true : undefined;
    },
    120_000,
  );
}

export interface PodSummary {
  metadata: { name: string; labels?: Record<string, string> };
  spec: { nodeName?: string };
}

/** Waits until `namespace` holds `expected` pods and none has moved for 8 s (the scheduler placed all it can). */
export async function settledPods(kubectl: Kubectl, namespace: string, expected: number): Promise<PodSummary[]> {
  let last = "";
  let stableSince = Date.now();
  return waitFor(
    `${expected} pods of ${namespace} created and settled`,
    async () => {
      // Each look is a kubectl process on shared cores: once a second is enough.
      await new Promise((resolve) => setTimeout(resolve, 800));
      const pods = (await kubectl.json<{ items: PodSummary[] }>("get", "pods", "-n", namespace)).items;
      const state = pods.map((p) => `${p.metadata.name}=${p.spec.nodeName ?? ""}`).join(",");
      if (state !== last) {
        last = state;
        stableSince = Date.now();
        return undefined;
      }
      return pods.length === expected && Date.now() - stableSince > 8_000 ? pods : undefined;
    },
    240_000,
  );
}
