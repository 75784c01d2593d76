import { Size } from "cdk8s";
import * as kplus from "cdk8s-plus-28";
import type { WorkloadConfig } from "../env";
import { cpuMillicores, memoryBytes } from "../env/quantity";

/** Requests and limits of one container, in units that add up. */
export interface ContainerBudget {
  readonly cpuRequestMillis: number;
  readonly cpuLimitMillis: number;
  readonly memoryRequestMebibytes: number;
  readonly memoryLimitMebibytes: number;
}

/** curl in a loop: next to nothing. */
export const SMOKE_TEST_BUDGET: ContainerBudget = {
  cpuRequestMillis: 20,
  cpuLimitMillis: 200,
  memoryRequestMebibytes: 32,
  memoryLimitMebibytes: 64,
};

/** pg_dump | gpg | aws s3 cp streams; memory stays flat, CPU goes to compression and encryption. */
export const DB_TOOLS_BUDGET: ContainerBudget = {
  cpuRequestMillis: 250,
  cpuLimitMillis: 1000,
  memoryRequestMebibytes: 256,
  memoryLimitMebibytes: 1024,
};

/** The website container's budget, from the env's resource quantities. */
export function workloadBudget(workload: WorkloadConfig): ContainerBudget {
  const { requests, limits } = workload.resources;
  return {
    cpuRequestMillis: cpuMillicores(requests.cpu),
    cpuLimitMillis: cpuMillicores(limits.cpu),
    memoryRequestMebibytes: memoryBytes(requests.memory) / 2 ** 20,
    memoryLimitMebibytes: memoryBytes(limits.memory) / 2 ** 20,
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
