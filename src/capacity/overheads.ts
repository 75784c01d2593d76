import { ADD_ONS } from "../addons/catalog";
import type { EnvConfig } from "../env";

/** Requests of one pod (millicores, MiB). */
export interface PodRequests {
  readonly name: string;
  readonly cpuMillis: number;
  readonly memoryMib: number;
}

/**
 * What runs on every node, with the requests of the versions EKS installs. Sources:
 * aws-node: amazon-vpc-cni-k8s charts/aws-vpc-cni/values.yaml (resources.requests.cpu 25m);
 * kube-proxy: the EKS kube-proxy add-on's DaemonSet (requests cpu 100m);
 * ebs-csi-node: aws-ebs-csi-driver charts values.yaml, node + node-driver-registrar + liveness-probe
 * (10m / 40Mi each); prometheus-node-exporter: kube-prometheus-stack's dependency, chart default
 * resources {} (no requests, but a pod slot).
 */
export const NODE_DAEMONSETS: readonly PodRequests[] = [
  { name: "aws-node", cpuMillis: 25, memoryMib: 0 },
  { name: "kube-proxy", cpuMillis: 100, memoryMib: 0 },
  { name: "ebs-csi-node", cpuMillis: 30, memoryMib: 120 },
  { name: "prometheus-node-exporter", cpuMillis: 0, memoryMib: 0 },
];

/** CoreDNS as the EKS add-on runs it: 2 replicas, 100m / 70Mi each (its Deployment's requests). */
const COREDNS: PodRequests = { name: "coredns", cpuMillis: 100, memoryMib: 70 };

type Values = Record<string, unknown>;
const at = (values: Values, ...path: string[]): unknown =>
  path.reduce<unknown>((node, key) => (node as Values | undefined)?.[key], values);

/**
 * The add-ons' pods, from src/addons' values: replicas where the values set them, the chart's default of 1
 * otherwise. Their charts set no requests and neither do our values, so they take pod slots but no CPU or
 * memory in the scheduler's accounting (docs/capacity.md: a known gap, not a saving).
 */
function addOnPods(env: EnvConfig): PodRequests[] {
  const replicasOf: Record<string, (values: Values) => Record<string, number>> = {
    "argo-rollouts": (v) => ({ controller: Number(at(v, "controller", "replicas") ?? 1) }),
    "external-secrets": () => ({ controller: 1, webhook: 1, "cert-controller": 1 }),
    "kube-prometheus-stack": (v) => ({
      operator: 1,
      prometheus: Number(at(v, "prometheus", "prometheusSpec", "replicas") ?? 1),
      alertmanager: Number(at(v, "alertmanager", "alertmanagerSpec", "replicas") ?? 1),
      grafana: 1,
      "kube-state-metrics": 1,
    }),
    "aws-load-balancer-controller": (v) => ({ controller: Number(at(v, "replicaCount") ?? 1) }),
    "cluster-autoscaler": (v) => ({ controller: Number(at(v, "replicaCount") ?? 1) }),
  };
  return ADD_ONS.flatMap((addOn) => {
    const counts = replicasOf[addOn.name]?.(addOn.values(env) as Values) ?? { pod: 1 };
    return Object.entries(counts).flatMap(([part, count]) =>
      Array.from({ length: count }, () => ({ name: `${addOn.name} ${part}`, cpuMillis: 0, memoryMib: 0 })),
    );
  });
}

/** Pods of the cluster that go anywhere: CoreDNS and the add-ons. */
export function clusterPods(env: EnvConfig): PodRequests[] {
  return [COREDNS, COREDNS, ...addOnPods(env)];
}
