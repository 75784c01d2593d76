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

/** The node with the most CPU left (kube-scheduler's default LeastAllocated scoring, roughly). */
const roomiest = (nodes: NodeRoom[]) => nodes.sort((a, b) => b.cpuMillis - a.cpuMillis)[0];

/**
 * Places the peak as kube-scheduler would be allowed to: every pod of a spread ReplicaSet goes to a zone
 * where the zone skew stays within maxSkew (topologySpreadConstraints, DoNotSchedule, per ReplicaSet via
 * matchLabelKeys), the other pods anywhere. The cluster's own pods go first (they are running already).
 * A model, not the scheduler: the scheduler rehearsal (rehearsal/capacity) checks it against the real one.
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
  for (const pod of clusterPods) {
    const node = roomiest(nodes.filter((n) => fits(n, pod)));
    if (node === undefined) miss(pod.name);
    else place(node, pod);
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
      const node = roomiest(candidates.filter((n) => !group.spread || (perZone.get(n.zone) ?? 0) === fewest));
      if (node === undefined) {
        miss(group.name);
        continue;
      }
      place(node, pod);
      perZone.set(node.zone, (perZone.get(node.zone) ?? 0) + 1);
    }
  }
  return { unplaced, nodes };
}
