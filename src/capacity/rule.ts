import { type PodGroup, peakPodGroups, steadyPodGroups } from "../constructs/namespace/peak-pods";
import type { EnvConfig } from "../env";
import { type FitResult, fitPeak } from "./fit";
import { type NodeRoom, nodesAtMax } from "./nodes";
import { clusterPods } from "./overheads";

/** Totals of a set of pod groups: what the table prints and the messages quote. */
export function demandOf(groups: readonly PodGroup[]) {
  return {
    pods: groups.reduce((sum, g) => sum + g.count, 0),
    cpuMillis: groups.reduce((sum, g) => sum + g.count * g.budget.cpuRequestMillis, 0),
    memoryMib: groups.reduce((sum, g) => sum + g.count * g.budget.memoryRequestMebibytes, 0),
  };
}

export function supplyOf(nodes: readonly NodeRoom[]) {
  return {
    nodes: nodes.length,
    pods: nodes.reduce((sum, n) => sum + n.pods, 0),
    cpuMillis: nodes.reduce((sum, n) => sum + n.cpuMillis, 0),
    memoryMib: nodes.reduce((sum, n) => sum + n.memoryMib, 0),
  };
}

const cpu = (millis: number) => `${(millis / 1000).toFixed(2)} CPU`;
const gib = (mib: number) => `${(mib / 1024).toFixed(1)} GiB`;

/** One scenario: which nodes remain, which pods must run, where they landed. */
export interface Scenario {
  readonly title: string;
  readonly lostZone?: string;
  readonly groups: readonly PodGroup[];
  readonly supply: ReturnType<typeof supplyOf>;
  readonly fit: FitResult;
}

/**
 * Scenarios by parsed config: the render-time rule and the env README's table read the same placement, and
 * a thread that checks an env and then renders it (the main thread, for its share) places its pods once.
 */
const placed = new WeakMap<EnvConfig, readonly Scenario[]>();

export function scenarios(env: EnvConfig): readonly Scenario[] {
  const known = placed.get(env);
  if (known !== undefined) return known;
  const computed = placeScenarios(env);
  placed.set(env, computed);
  return computed;
}

function placeScenarios(env: EnvConfig): Scenario[] {
  const run = (title: string, groups: PodGroup[], lostZone?: string): Scenario => {
    const nodes = nodesAtMax(env, lostZone);
    const supply = supplyOf(nodes);
    const fit = fitPeak(nodes, env.topology.zones, env.topology.maxSkew, clusterPods(env), groups);
    return { title, lostZone, groups, supply, fit };
  };
  return [
    run("release peak, all zones", peakPodGroups(env)),
    ...env.topology.zones.map((zone) => run(`HPA max, ${zone} lost`, steadyPodGroups(env), zone)),
  ];
}

function describeMiss(env: EnvConfig, scenario: Scenario): string {
  const demand = demandOf(scenario.groups);
  const { supply } = scenario;
  const missing = [...scenario.fit.unplaced].map(([name, count]) => `${count} × ${name}`).join(", ");
  const maxReplicas = Object.entries(env.workloads)
    .map(([name, w]) => `workloads.${name}.hpa.maxReplicas = ${w.hpa.maxReplicas}`)
    .join(", ");
  return (
    `env ${env.name}: infra.nodes.nodeGroups: the ${scenario.title} does not fit the node groups at max size ` +
    `(${maxReplicas}): ${demand.pods} pods requesting ${cpu(demand.cpuMillis)}, ${gib(demand.memoryMib)} ` +
    `against ${supply.nodes} nodes with ${cpu(supply.cpuMillis)}, ${gib(supply.memoryMib)}, ${supply.pods} pod slots ` +
    `free after DaemonSets (before add-ons); no node for ${missing}`
  );
}

/** Node groups in the env's zones, and every zone with a node group. */
function zoneProblems(env: EnvConfig): string[] {
  const groupZones = new Set(env.infra.nodes.nodeGroups.flatMap((group) => group.zones));
  const outside = [...groupZones].filter((zone) => !env.topology.zones.includes(zone));
  const empty = env.topology.zones.filter((zone) => !groupZones.has(zone));
  return [
    ...outside.map(
      (zone) =>
        `env ${env.name}: infra.nodes.nodeGroups: zone ${zone} is not in topology.zones = ${env.topology.zones.join(", ")}`,
    ),
    ...empty.map(
      (zone) => `env ${env.name}: topology.zones: ${zone} has no node group, so no pod can run there (got "${zone}")`,
    ),
  ];
}

/** The capacity rules: the release peak fits the nodes at max size, and HPA max survives any one zone's loss. */
export function capacityProblems(env: EnvConfig): string[] {
  const zones = zoneProblems(env);
  if (zones.length > 0) return zones;
  return scenarios(env)
    .filter((scenario) => scenario.fit.unplaced.size > 0)
    .map((scenario) => describeMiss(env, scenario));
}
