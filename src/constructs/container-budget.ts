import { Size } from "cdk8s";
import * as kplus from "cdk8s-plus-28";
import type { EnvConfig, WorkloadConfig } from "../env";
import { cpuMillicores, memoryBytes } from "../env/quantity";

/** Requests and limits of one container, in units that add up. */
export interface ContainerBudget {
  readonly cpuRequestMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryRequestMebibytes: number;
  readonly memoryLimitMebibytes: number;
  /** Logs, emptyDirs and the writable layer: past the limit the kubelet evicts the pod, not the node's disk. */
  readonly storageRequestMebibytes: number;
  readonly storageLimitMebibytes: number;
}

const mebibytes = (quantity: string) => memoryBytes(quantity) / 2 ** 20;

/** curl in a loop: next to nothing. */
export const SMOKE_TEST_BUDGET: ContainerBudget = {
  cpuRequestMillis: 20,
  cpuLimitMillis: 200,
  memoryRequestMebibytes: 32,
  memoryLimitMebibytes: 64,
  // Its /tmp (256Mi) stays empty; the limit only has to admit the volume's size.
  storageRequestMebibytes: 64,
  storageLimitMebibytes: 512,
};

/** pg_dump | gpg | aws s3 cp streams; memory stays flat, CPU goes to compression and encryption. */
export function dbToolsBudget(database: EnvConfig["database"]): ContainerBudget {
  return {
    cpuRequestMillis: 250,
    cpuLimitMillis: 1000,
    memoryRequestMebibytes: 256,
    memoryLimitMebibytes: 1024,
    storageRequestMebibytes: mebibytes(database.backupStorage.request),
    storageLimitMebibytes: mebibytes(database.backupStorage.limit),
  };
}

/** The website container's budget, from the env's resource quantities. */
export function workloadBudget(workload: WorkloadConfig): ContainerBudget {
  const { requests, limits } = workload.resources;
  return {
    cpuRequestMillis: cpuMillicores(requests.cpu),
    cpuLimitMillis: cpuMillicores(limits.cpu),
    memoryRequestMebibytes: mebibytes(requests.memory),
    memoryLimitMebibytes: mebibytes(limits.memory),
    storageRequestMebibytes: mebibytes(requests.ephemeralStorage),
    storageLimitMebibytes: mebibytes(limits.ephemeralStorage),
  };
}

/** The budget as cdk8s-plus container resources: one conversion for every container this repo renders. */
export function containerResources(budget: ContainerBudget): kplus.ContainerResources {
  return {
    cpu: { request: kplus.Cpu.millis(budget.cpuRequestMillis), limit: kplus.Cpu.millis(budget.cpuLimitMillis) },
    memory: {
      request: Size.mebibytes(budget.memoryRequestMebibytes),
      limit: Size.mebibytes(budget.memoryLimitMebibytes),
    },
  };
}

type ContainerJson = Record<string, unknown> & { name: string; resources?: Record<string, Record<string, unknown>> };

/**
 * Adds each container's ephemeral-storage request and limit to a rendered pod spec. Set on the
 * wire form because cdk8s-plus-28 writes ephemeral storage in whole gibibytes only
 * (lib/container.js, Container._toKube: `ephemeralStorageLimit.toGibibytes()`), and 256Mi is not one.
 */
export function withEphemeralStorage(
  podSpec: Record<string, unknown>,
  budgetOf: (containerName: string) => ContainerBudget,
): Record<string, unknown> {
  const add = (containers: unknown) =>
    (containers as ContainerJson[] | undefined)?.map((container) => {
      const budget = budgetOf(container.name);
      const resources = container.resources ?? {};
      return {
        ...container,
        resources: {
          ...resources,
          limits: { ...resources.limits, "ephemeral-storage": `${budget.storageLimitMebibytes}Mi` },
          requests: { ...resources.requests, "ephemeral-storage": `${budget.storageRequestMebibytes}Mi` },
        },
      };
    });
  const initContainers = add(podSpec.initContainers);
  return {
    ...podSpec,
    containers: add(podSpec.containers),
    ...(initContainers === undefined ? {} : { initContainers }),
  };
}
