import type { EnvConfig } from "../env";
import { NODE_DAEMONSETS } from "./overheads";

/** One node's room for pods after the EKS reservations and the DaemonSets. */
export interface NodeRoom {
  readonly name: string;
  readonly group: string;
  readonly zone: string;
  readonly instanceType: string;
  cpuMillis: number;
  memoryMib: number;
  pods: number;
}

/** What an instance type gives the kubelet as allocatable (capacity less the AMI's reservations). */
export function allocatable(
  env: EnvConfig,
  instanceType: string,
): { cpuMillis: number; memoryMib: number; pods: number } {
  const fact = env.infra.nodes.instanceTypes[instanceType];
  if (fact === undefined) throw new Error(`instance type ${instanceType} missing from infra.nodes`);
  return {
    cpuMillis: fact.cpuMillis - fact.reservedCpuMillis,
    memoryMib: fact.memoryMib - fact.reservedMemoryMib,
    pods: fact.maxPods,
  };
}

/**
 * Every node the node groups can reach at max size, each holding one pod of every DaemonSet. A group
 * whose types share one shape (terraform-ts enforces it) is modelled by its smallest type's facts.
 */
export function nodesAtMax(env: EnvConfig, lostZone?: string): NodeRoom[] {
  return env.infra.nodes.nodeGroups.flatMap((group) => {
    const zone = group.zones[0] ?? "";
    if (zone === lostZone) return [];
    const instanceType = [...group.instanceTypes].sort(
      (a, b) => allocatable(env, a).memoryMib - allocatable(env, b).memoryMib,
    )[0] as string;
    const room = allocatable(env, instanceType);
    return Array.from({ length: group.maxSize }, (_, index) => ({
      name: `${group.name}-${index + 1}`,
      group: group.name,
      zone,
      instanceType,
      cpuMillis: room.cpuMillis - NODE_DAEMONSETS.reduce((sum, pod) => sum + pod.cpuMillis, 0),
      memoryMib: room.memoryMib - NODE_DAEMONSETS.reduce((sum, pod) => sum + pod.memoryMib, 0),
      pods: room.pods - NODE_DAEMONSETS.length,
    }));
  });
}
