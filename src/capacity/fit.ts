import type { PodGroup } from "../constructs/namespace/peak-pods";
import type { NodeRoom } from "./nodes";
import type { PodRequests } from "./overheads";

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
 * How kube-scheduler's default LeastAllocated scoring rates each node: CPU and memory left, each as a share
 * of the node's room, with a request left out counted as 100m / 200 MiB (pkg/scheduler/util/pod_resources.go,
 * GetNonzeroRequestForResource, used by noderesources/resource_allocation.go). So pods without requests (most
 * add-ons; a 0 here is a request left out) take no room but spread over the nodes instead of piling onto one.
 */
type Scores = Map<NodeRoom, { readonly cpuMillis: number; readonly memoryMib: number; score: number }>;
const DEFAULT_CPU_MILLIS = 100;
const DEFAULT_MEMORY_MIB = 200;

function scoresOf(nodes: readonly NodeRoom[]): Scores {
  return new Map(nodes.map((node) => [node, { cpuMillis: node.cpuMillis, memoryMib: node.memoryMib, score: 2 }]));
}

function bind(node: NodeRoom, pod: { cpuMillis: number; memoryMib: number }, scores: Scores): void {
  place(node, pod);
  const room = scores.get(node);
  if (room === undefined) return;
  room.score -= (pod.cpuMillis > 0 ? pod.cpuMillis : DEFAULT_CPU_MILLIS) / room.cpuMillis;
  room.score -= (pod.memoryMib > 0 ? pod.memoryMib : DEFAULT_MEMORY_MIB) / room.memoryMib;
}

const scoreOf = (node: NodeRoom, scores: Scores) => scores.get(node)?.score ?? 0;

/**
 * The node that fits the pod with the best LeastAllocated score, the first of equals. One pass, no sort:
 * a platform of hundreds of workload-envs places thousands of pods on hundreds of nodes at every render.
 */
function roomiest(
  nodes: readonly NodeRoom[],
  pod: { cpuMillis: number; memoryMib: number },
  scores: Scores,
): NodeRoom | undefined {
  let best: NodeRoom | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const node of nodes) {
    if (!fits(node, pod)) continue;
    const score = scoreOf(node, scores);
    if (best === undefined || score > bestScore) {
      best = node;
      bestScore = score;
    }
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
  const scores = scoresOf(nodes);
  for (const pod of clusterPods) {
    const node = roomiest(nodes, pod, scores);
    if (node === undefined) miss(pod.name);
    else bind(node, pod, scores);
  }
  const liveZones = zones.filter((zone) => nodes.some((node) => node.zone === zone));
  const zoneNodes = liveZones.map((zone) => ({ zone, nodes: nodes.filter((node) => node.zone === zone) }));
  const order = new Map(nodes.map((node, index) => [node, index]));
  for (const group of groups) {
    const pod = { cpuMillis: group.budget.cpuRequestMillis, memoryMib: group.budget.memoryRequestMebibytes };
    const perZone = new Map(liveZones.map((zone) => [zone, 0]));
    for (let i = 0; i < group.count; i += 1) {
      const node = group.spread
        ? spreadTarget(zoneNodes, perZone, maxSkew, pod, order, scores)
        : roomiest(nodes, pod, scores);
      if (node === undefined) {
        miss(group.name);
        continue;
      }
      bind(node, pod, scores);
      perZone.set(node.zone, (perZone.get(node.zone) ?? 0) + 1);
    }
  }
  return { unplaced, nodes };
}

/**
 * A spread ReplicaSet's next node: a zone where the skew stays within maxSkew (topologySpreadConstraints,
 * DoNotSchedule), among those the zone with the fewest of the ReplicaSet's pods (the spread's scoring), in
 * it the roomiest node; between equally full zones the roomiest node, the first of equals.
 */
function spreadTarget(
  zoneNodes: readonly { zone: string; nodes: readonly NodeRoom[] }[],
  perZone: ReadonlyMap<string, number>,
  maxSkew: number,
  pod: { cpuMillis: number; memoryMib: number },
  order: ReadonlyMap<NodeRoom, number>,
  scores: Scores,
): NodeRoom | undefined {
  const lowest = Math.min(...perZone.values());
  let chosen: { node: NodeRoom; count: number } | undefined;
  for (const { zone, nodes } of zoneNodes) {
    const count = perZone.get(zone) ?? 0;
    if (count + 1 - lowest > maxSkew) continue;
    const node = roomiest(nodes, pod, scores);
    if (node === undefined) continue;
    const better =
      chosen === undefined ||
      count < chosen.count ||
      (count === chosen.count &&
        (scoreOf(node, scores) > scoreOf(chosen.node, scores) ||
          (scoreOf(node, scores) === scoreOf(chosen.node, scores) &&
            (order.get(node) ?? 0) < (order.get(chosen.node) ?? 0))));
    if (better) chosen = { node, count };
  }
  return chosen?.node;
}
