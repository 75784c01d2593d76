import type { EnvConfig } from "../env";
import { demandOf, scenarios } from "./rule";

const cpu = (millis: number) => (millis / 1000).toFixed(2);
const gib = (mib: number) => (mib / 1024).toFixed(1);
const share = (used: number, total: number) => `${Math.round((1 - used / total) * 100)} %`;

/** The capacity section of dist/<env>/README.md: each scenario's demand against the nodes at max size. */
export function capacityTable(env: EnvConfig): string[] {
  const lines = [
    "## Capacity (node groups at max size; docs/capacity.md)",
    "",
    "| scenario | pods | CPU requested | memory requested (GiB) | nodes at max | CPU free after DaemonSets | memory free (GiB) | pod slots | headroom CPU / memory / pods | fits |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const scenario of scenarios(env)) {
    const demand = demandOf(scenario.groups);
    const { supply } = scenario;
    lines.push(
      `| ${scenario.title} | ${demand.pods} | ${cpu(demand.cpuMillis)} | ${gib(demand.memoryMib)} | ${supply.nodes} | ${cpu(supply.cpuMillis)} | ${gib(supply.memoryMib)} | ${supply.pods} | ${share(demand.cpuMillis, supply.cpuMillis)} / ${share(demand.memoryMib, supply.memoryMib)} / ${share(demand.pods, supply.pods)} | ${scenario.fit.unplaced.size === 0 ? "yes" : "no"} |`,
    );
  }
  const users = Object.entries(env.workloads).map(
    ([name, w]) =>
      `${name}: ${w.hpa.maxReplicas} pods × ${w.hpa.concurrentUsersPerPod} users per pod = ${w.hpa.maxReplicas * w.hpa.concurrentUsersPerPod}`,
  );
  lines.push(
    "",
    `Concurrent users: target ${env.capacity.concurrentUsers}; ${users.join("; ")}. **The users per pod is an assumption, not a measurement: no load test of the website exists yet.**`,
    "",
  );
  return lines;
}
