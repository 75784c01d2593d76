import { describe, expect, it } from "vitest";
import { fitPeak } from "../../src/capacity/fit";
import { peakPodGroups } from "../../src/capacity/peak";
import { capacityProblems } from "../../src/capacity/rule";
import { parseEnvConfig } from "../../src/env";
import { inputOf, setAt } from "../support/fixtures";

/** GIVEN production's config with some fields changed, WHEN its capacity is checked. */
function production(changes: [string[], unknown][] = []) {
  const input = inputOf("production");
  for (const [path, value] of changes) setAt(input, path, value);
  return parseEnvConfig("production", input);
}

const spot = (env: ReturnType<typeof production>) =>
  env.infra.nodes.nodeGroups.filter((g) => g.capacityType === "SPOT");

describe("the static capacity rule", () => {
  it("accepts the committed production config: the release peak and any one zone's loss fit", () => {
    expect(capacityProblems(production())).toEqual([]);
  });

  it("counts both colours at HPA max, the old ReplicaSet the scale-down delay keeps, and the Jobs", () => {
    const website = peakPodGroups(production()).filter((group) => group.spread);
    expect(website.map((group) => [group.name, group.count])).toEqual([
      ["website active", 20],
      ["website preview", 20],
      ["website old-1", 20],
    ]);
  });

  it("refuses hpa.maxReplicas 400: the quota would grow to match, no node group can hold it", () => {
    const [problem] = capacityProblems(production([[["workloads", "website", "hpa", "maxReplicas"], 400]]));
    expect(problem).toMatch(
      /^env production: infra\.nodes\.nodeGroups: the release peak, all zones does not fit the node groups at max size \(workloads\.website\.hpa\.maxReplicas = 400\): 1203 pods requesting 300\.52 CPU, 600\.8 GiB against 15 nodes with 26\.63 CPU, 47\.3 GiB, 195 pod slots free after DaemonSets \(before add-ons\); no node for \d+ × website active/,
    );
  });

  it("refuses too small a node group, also with one zone lost, naming the zone", () => {
    const env = production();
    for (const group of env.infra.nodes.nodeGroups) group.maxSize = group.capacityType === "SPOT" ? 0 : 1;
    const problems = capacityProblems(env);
    expect(problems[0]).toMatch(/the release peak, all zones does not fit .* against 3 nodes with 5\.33 CPU/);
    expect(problems.slice(1).map((p) => /the HPA max, (\S+) lost does not fit/.exec(p)?.[1])).toEqual([
      "us-east-1a",
      "us-east-1b",
      "us-east-1c",
    ]);
    expect(spot(env).every((g) => g.maxSize === 0)).toBe(true);
  });

  it("spreads pods without requests over the nodes, as kube-scheduler scores them (100m / 200Mi), not onto one", () => {
    const nodes = ["a", "b", "c"].map((zone) => ({
      name: `node-${zone}`,
      group: "g",
      zone,
      instanceType: "t3.medium",
      cpuMillis: 1775,
      memoryMib: 3229,
      pods: 13,
    }));
    const addOns = Array.from({ length: 6 }, () => ({ name: "add-on", cpuMillis: 0, memoryMib: 0 }));
    const { nodes: after } = fitPeak(nodes, ["a", "b", "c"], 1, addOns, []);
    expect(after.map((node) => [node.name, node.pods])).toEqual([
      ["node-a", 11],
      ["node-b", 11],
      ["node-c", 11],
    ]);
  });

  it("refuses a zone the pods may use that has no node group", () => {
    const env = production();
    env.infra.nodes.nodeGroups = env.infra.nodes.nodeGroups.filter((g) => g.zones[0] !== "us-east-1c");
    expect(capacityProblems(env)).toEqual([
      'env production: topology.zones: us-east-1c has no node group, so no pod can run there (got "us-east-1c")',
    ]);
  });
});

describe("the concurrent-user target", () => {
  it("refuses an HPA max whose assumed users per pod fall short of the env's target", () => {
    const input = inputOf("production");
    setAt(input, ["workloads", "website", "hpa", "maxReplicas"], 19);
    expect(() => parseEnvConfig("production", input)).toThrow(
      "env production: workloads.website.hpa.maxReplicas: × hpa.concurrentUsersPerPod = 500 (an assumption until a load test measures it) serves 9500 concurrent users at the CPU target, below capacity.concurrentUsers = 10000 (got 19)",
    );
  });
});
