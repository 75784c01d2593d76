import type { PodGroup } from "../constructs/namespace/peak-pods";
import type { NodeRoom } from "./nodes";
import type { PodRequests } from "./overheads";

/** Where a placement ended: pods that found no node, per group. */
export interface FitResult {
  readonly unplaced: ReadonlyMap<string, number>;
  readonly nodes: readonly NodeRoom[];
}

/**
 * How kube-scheduler's default LeastAllocated scoring rates each node: CPU and memory left, each as a share
 * of the node's room, with a request left out counted as 100m / 200 MiB (pkg/scheduler/util/pod_resources.go,
 * GetNonzeroRequestForResource, used by noderesources/resource_allocation.go). So pods without requests (most
 * add-ons; a 0 here is a request left out) take no room but spread over the nodes instead of piling onto one.
 */
const DEFAULT_CPU_MILLIS = 100;
const DEFAULT_MEMORY_MIB = 200;

/**
 * A node during placement: its room, its room before placement, its score and its position (the tie-break).
 * Plain fields, no map look-ups: a platform of hundreds of workload-envs places thousands of pods on hundreds
 * of nodes in four scenarios at every render, and this loop was a third of a 50 × 4 render's CPU.
 */
interface Slot {
  readonly node: NodeRoom;
  readonly index: number;
  readonly cpuMillis: number;
  readonly memoryMib: number;
  score: number;
}

type Pod = { readonly cpuMillis: number; readonly memoryMib: number };

function bind(slot: Slot, pod: Pod): void {
  const { node } = slot;
  node.pods -= 1;
  node.cpuMillis -= pod.cpuMillis;
  node.memoryMib -= pod.memoryMib;
  slot.score -= (pod.cpuMillis > 0 ? pod.cpuMillis : DEFAULT_CPU_MILLIS) / slot.cpuMillis;
  slot.score -= (pod.memoryMib > 0 ? pod.memoryMib : DEFAULT_MEMORY_MIB) / slot.memoryMib;
}

/** The slot that fits the pod with the best LeastAllocated score, the first of equals. One pass, no sort. */
function roomiest(slots: readonly Slot[], pod: Pod): Slot | undefined {
  let best: Slot | undefined;
  for (const slot of slots) {
    const { node } = slot;
    if (node.pods < 1 || node.cpuMillis < pod.cpuMillis || node.memoryMib < pod.memoryMib) continue;
    if (best === undefined || slot.score > best.score) best = slot;
  }
  return best;
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
  const slots: Slot[] = nodes.map((node, index) => ({
    node,
    index,
    cpuMillis: node.cpuMillis,
    memoryMib: node.memoryMib,
    score: 2,
  }));
  for (const pod of clusterPods) {
    const slot = roomiest(slots, pod);
    if (slot === undefined) miss(pod.name);
    else bind(slot, pod);
  }
  const zoneSlots = zones
    .map((zone) => slots.filter((slot) => slot.node.zone === zone))
    .filter((inZone) => inZone.length > 0);
  for (const group of groups) {
    const pod = { cpuMillis: group.budget.cpuRequestMillis, memoryMib: group.budget.memoryRequestMebibytes };
    const place = group.spread ? spreadPlacer(zoneSlots, maxSkew, pod) : () => bindRoomiest(slots, pod);
    for (let i = 0; i < group.count; i += 1) {
      if (place() === undefined) miss(group.name);
    }
  }
  return { unplaced, nodes };
}

function bindRoomiest(slots: readonly Slot[], pod: Pod): Slot | undefined {
  const slot = roomiest(slots, pod);
  if (slot !== undefined) bind(slot, pod);
  return slot;
}

/**
 * Places a spread ReplicaSet's pods one by one: each in a zone where the skew stays within maxSkew
 * (topologySpreadConstraints, DoNotSchedule), among those the zone with the fewest of the ReplicaSet's pods
 * (the spread's scoring), in it the roomiest node; between equally full zones the roomiest node, the first of
 * equals. Only the zone that took a pod changed, so only its roomiest node is looked for again.
 */
function spreadPlacer(zoneSlots: readonly Slot[][], maxSkew: number, pod: Pod): () => Slot | undefined {
  const perZone = zoneSlots.map(() => 0);
  const roomiestIn = zoneSlots.map((inZone) => roomiest(inZone, pod));
  return () => {
    const lowest = Math.min(...perZone);
    let chosen: { slot: Slot; count: number; zoneIndex: number } | undefined;
    roomiestIn.forEach((slot, zoneIndex) => {
      const count = perZone[zoneIndex] ?? 0;
      if (slot === undefined || count + 1 - lowest > maxSkew) return;
      const better =
        chosen === undefined ||
        count < chosen.count ||
        (count === chosen.count &&
          (slot.score > chosen.slot.score || (slot.score === chosen.slot.score && slot.index < chosen.slot.index)));
      if (better) chosen = { slot, count, zoneIndex };
    });
    if (chosen === undefined) return undefined;
    const { slot, count, zoneIndex } = chosen;
    bind(slot, pod);
    perZone[zoneIndex] = count + 1;
    roomiestIn[zoneIndex] = roomiest(zoneSlots[zoneIndex] ?? [], pod);
    return slot;
  };
}
