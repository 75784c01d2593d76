import type { NodeRoom } from "./nodes";
import type { PodRequests } from "./overheads";
import type { PodGroup } from "./peak";

/** Where a placement ended: pods that found no node, per group. */
export interface FitResult {
  readonly unplaced: ReadonlyMap<string, number>;
  readonly nodes: readonly NodeRoom[];
}

const fits = (node: NodeRoom, pod: { cpuMillis: number; memoryMib: number }) =>
  node.pods >= 1 && node.cpuMillis >= pod.cpuMillis && node.memoryMib >= pod.memoryMib;

function place(node: NodeRoom, pod: { cpuMillis: number; memoryMib: number }): void {
  node.pods -= 1;
  node.cpuMillis -= pod.cpuMillis;
  node.memoryMib -= pod.memoryMib;
}

/**
 * kube-scheduler scores a request left out as 100m CPU / 200 MiB (pkg/scheduler/util/pod_resources.go,
 * GetNonzeroRequestForResource; used by noderesources/resource_allocation.go). So pods without requests
 * (most add-ons) take no room but still spread over the nodes instead of piling onto one; here a 0 is a
 * request left out.
 */
const DEFAULT_CPU_MILLIS = 100;
const DEFAULT_MEMORY_MIB = 200;
const scored = (pod: { cpuMillis: number; memoryMib: number }) => ({
  cpuMillis: pod.cpuMillis > 0 ? pod.cpuMillis : DEFAULT_CPU_MILLIS,
  memoryMib: pod.memoryMib > 0 ? pod.memoryMib : DEFAULT_MEMORY_MIB,
});

/**
 * The node kube-scheduler's default LeastAllocated scoring prefers: the most CPU and memory left, each as
 * a share of the node's room, counting requests as the scheduler scores them. `used` holds those per node.
 */
function roomiest(nodes: NodeRoom[], used: Map<NodeRoom, { cpuMillis: number; memoryMib: number }>, size: NodeRoom[]) {
  const roomOf = new Map(size.map((node) => [node.name, node]));
  const score = (node: NodeRoom) => {
    const total = roomOf.get(node.name) ?? node;
    const taken = used.get(node) ?? { cpuMillis: 0, memoryMib: 0 };
    return (
      (total.cpuMillis - taken.cpuMillis) / total.cpuMillis + (total.memoryMib - taken.memoryMib) / total.memoryMib
    );
  };
  return nodes.sort((a, b) => score(b) - score(a))[0];
}

/**
 * Places the peak as kube-scheduler would be allowed to: every pod of a spread ReplicaSet goes to a zone
 * where the zone skew stays within maxSkew (topologySpreadConstraints, DoNotSchedule, per ReplicaSet via
 * matchLabelKeys), the other pods anywhere. The cluster's own pods go first (they are running already).
 * A model, not the scheduler: test/integration/capacity-scheduler.test.ts checks it against the real one.
 */
export function fitPeak(
  nodes: NodeRoom[],
  zones: readonly string[],
  maxSkew: number,
  clusterPods: readonly PodRequests[],
  groups: readonly PodGroup[],
): FitResult {
  const unplaced = new Map<string, number>();
  const miss = (name: string) => unplaced.set(name, (unplaced.get(name) ?? 0) + 1);
  const size = nodes.map((node) => ({ ...node }));
  const used = new Map(nodes.map((node) => [node, { cpuMillis: 0, memoryMib: 0 }]));
  const bind = (node: NodeRoom, pod: { cpuMillis: number; memoryMib: number }) => {
    place(node, pod);
    const taken = used.get(node);
    if (taken !== undefined) {
      taken.cpuMillis += scored(pod).cpuMillis;
      taken.memoryMib += scored(pod).memoryMib;
    }
  };
  const best = (candidates: NodeRoom[]) => roomiest(candidates, used, size);
  for (const pod of clusterPods) {
    const node = best(nodes.filter((n) => fits(n, pod)));
    if (node === undefined) miss(pod.name);
    else bind(node, pod);
  }
  const liveZones = zones.filter((zone) => nodes.some((node) => node.zone === zone));
  for (const group of groups) {
    const pod = { cpuMillis: group.budget.cpuRequestMillis, memoryMib: group.budget.memoryRequestMebibytes };
    const perZone = new Map(liveZones.map((zone) => [zone, 0]));
    for (let i = 0; i < group.count; i += 1) {
      const lowest = Math.min(...perZone.values());
      const candidates = nodes.filter(
        (node) =>
          fits(node, pod) &&
          (!group.spread || (perZone.get(node.zone) ?? Number.POSITIVE_INFINITY) + 1 - lowest <= maxSkew),
      );
      // Among allowed zones, the one with the fewest of this ReplicaSet's pods (the spread's scoring).
      const fewest = Math.min(...candidates.map((node) => perZone.get(node.zone) ?? 0));
      const node = best(candidates.filter((n) => !group.spread || (perZone.get(n.zone) ?? 0) === fewest));
      if (node === undefined) {
        miss(group.name);
        continue;
      }
      bind(node, pod);
      perZone.set(node.zone, (perZone.get(node.zone) ?? 0) + 1);
    }
  }
  return { unplaced, nodes };
}
