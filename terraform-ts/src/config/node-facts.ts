import { INSTANCE_SHAPES } from "./instance-shapes";
import type { EnvConfig } from "./types";

/**
 * The node-group facts the GitOps side needs to prove its peak fits (src/env/capacity): each managed group
 * as EKS runs it (one per zone), and per instance type what the kubelet can hand to pods. Published as JSON
 * in one SSM parameter; the data flows one way, so the overhead of what runs on every node is computed
 * on the GitOps side from its own add-ons.
 */
export interface NodeGroupFact {
  readonly name: string;
  readonly capacityType: "ON_DEMAND" | "SPOT";
  readonly instanceTypes: readonly string[];
  readonly zones: readonly string[];
  readonly minSize: number;
  readonly maxSize: number;
}

export interface InstanceTypeFact {
  readonly cpuMillis: number;
  /** What the kubelet reports as capacity: the nominal memory less the kernel's and firmware's share. */
  readonly memoryMib: number;
  readonly maxPods: number;
  /** kube-reserved + system-reserved + the hard eviction threshold, as the EKS AMI sets them. */
  readonly reservedCpuMillis: number;
  readonly reservedMemoryMib: number;
}

/**
 * The kernel and firmware keep ~5 % of an instance's memory before the kubelet counts it (an EKS
 * t3.medium reports ~3.8 of its 4 GiB). An approximation on the safe side until measured nodes replace it.
 */
const KERNEL_MEMORY_SHARE = 0.05;
/** The EKS AMI's hard eviction threshold for memory.available. */
const EVICTION_MEMORY_MIB = 100;

/**
 * kube-reserved CPU as amazon-eks-ami computes it (nodeadm, internal/kubelet/config.go,
 * getCPUMillicoresToReserve): 6 % of the first core, 1 % of the second, 0.5 % of the next two, 0.25 % above.
 */
function reservedCpuMillis(vcpus: number): number {
  const steps: [number, number][] = [
    [1, 0.06],
    [1, 0.01],
    [2, 0.005],
    [Number.POSITIVE_INFINITY, 0.0025],
  ];
  let left = vcpus;
  let reserved = 0;
  for (const [cores, share] of steps) {
    const taken = Math.min(left, cores);
    reserved += taken * 1000 * share;
    left -= taken;
  }
  return Math.round(reserved);
}

/** kube-reserved memory as the EKS AMI computes it (getMemoryMebibytesToReserve): 11 MiB per pod + 255 MiB. */
const reservedMemoryMib = (maxPods: number) => 11 * maxPods + 255 + EVICTION_MEMORY_MIB;

/** The managed group of one config group in one zone. */
export const zonalGroupName = (group: string, zone: string) => `${group}-${zone}`;

export function nodeGroupFacts(env: EnvConfig): NodeGroupFact[] {
  return Object.entries(env.eks.nodeGroups).flatMap(([name, group]) =>
    env.availabilityZones.map((zone) => ({
      name: zonalGroupName(name, zone),
      capacityType: group.capacityType,
      instanceTypes: [...group.instanceTypes],
      zones: [zone],
      minSize: group.minSize,
      maxSize: group.maxSize,
    })),
  );
}

export function instanceTypeFacts(env: EnvConfig): Record<string, InstanceTypeFact> {
  const types = [...new Set(Object.values(env.eks.nodeGroups).flatMap((group) => group.instanceTypes))].sort();
  return Object.fromEntries(
    types.map((type) => {
      const shape = INSTANCE_SHAPES[type];
      if (shape === undefined) throw new Error(`instance type ${type}: add it to INSTANCE_SHAPES`);
      const fact: InstanceTypeFact = {
        cpuMillis: shape.vcpus * 1000,
        memoryMib: Math.floor(shape.memoryGib * 1024 * (1 - KERNEL_MEMORY_SHARE)),
        maxPods: shape.maxPods,
        reservedCpuMillis: reservedCpuMillis(shape.vcpus),
        reservedMemoryMib: reservedMemoryMib(shape.maxPods),
      };
      return [type, fact];
    }),
  );
}

/** The SSM parameter's value: compact, keys in a fixed order, so a re-apply publishes the same string. */
export const publishedNodeFacts = (env: EnvConfig) =>
  JSON.stringify({ nodeGroups: nodeGroupFacts(env), instanceTypes: instanceTypeFacts(env) });
