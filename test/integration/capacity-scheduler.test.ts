import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CapacityCluster,
  createNodes,
  nodesOf,
  overheadPodsOf,
  type PodSummary,
  settledPods,
  startCapacityCluster,
} from "../../harness/capacity-cluster";
import { waitFor } from "../../harness/processes";
import { nodesAtMax } from "../../src/capacity/nodes";
import { capacityProblems, type Scenario, scenarios } from "../../src/capacity/rule";
import { peakPodGroups } from "../../src/constructs/namespace/peak-pods";
import type { EnvConfig } from "../../src/env";
import { HASH_LABEL, peakObjects, replicaSetName } from "../support/capacity-peak";
import { configOf, REPO_ROOT } from "../support/fixtures";

/**
 * The static capacity rule (src/capacity) checked against the real kube-scheduler and the real quota
 * admission: KWOK nodes like production's node groups at max size, the rendered ResourceQuota and
 * LimitRange, the website's release peak from the rendered pod templates. docs/capacity.md.
 */
const env = configOf("production");
const ns = env.namespace;
let cluster: CapacityCluster;

const unplaced = (scenario: Scenario | undefined) =>
  [...(scenario?.fit.unplaced.values() ?? [])].reduce((sum, count) => sum + count, 0);
const pending = (pods: PodSummary[]) => pods.filter((p) => p.spec.nodeName === undefined);

/** Per ReplicaSet, the largest difference of its pods between two zones: what maxSkew bounds. */
function zoneSkews(pods: PodSummary[], zoneOf: Map<string, string>): Record<string, number> {
  const zones = [...new Set(zoneOf.values())];
  const perSet = new Map<string, Map<string, number>>();
  for (const pod of pods) {
    const hash = pod.metadata.labels?.[HASH_LABEL];
    const zone = zoneOf.get(pod.spec.nodeName ?? "");
    if (hash === undefined || zone === undefined) continue;
    const counts = perSet.get(hash) ?? new Map(zones.map((z) => [z, 0]));
    counts.set(zone, (counts.get(zone) ?? 0) + 1);
    perSet.set(hash, counts);
  }
  return Object.fromEntries(
    [...perSet].map(([hash, counts]) => [hash, Math.max(...counts.values()) - Math.min(...counts.values())]),
  );
}

const zonesOf = (config: EnvConfig, lostZone?: string) =>
  new Map(nodesAtMax(config, lostZone).map((node) => [node.name, node.zone]));

/** The quota's usage as the resourcequota controller last computed it. */
async function quotaUsed(): Promise<Record<string, string>> {
  const quota = await cluster.kubectl.json<{ status?: { used?: Record<string, string> } }>(
    "get",
    "resourcequota",
    "compute",
    "-n",
    ns,
  );
  return quota.status?.used ?? {};
}

/** The node groups of `config` at max size with their DaemonSet and cluster pods, then its release peak. */
async function drivePeak(config: EnvConfig): Promise<PodSummary[]> {
  await createNodes(cluster.kubectl, nodesOf(config));
  await cluster.kubectl.apply(overheadPodsOf(config));
  const groups = peakPodGroups(config);
  await cluster.kubectl.apply(peakObjects(config, groups));
  return settledPods(
    cluster.kubectl,
    ns,
    groups.reduce((sum, group) => sum + group.count, 0),
  );
}

beforeAll(async () => {
  cluster = await startCapacityCluster();
  const dist = (file: string) => join(REPO_ROOT, "dist", env.name, file);
  await cluster.kubectl.apply(dist(`namespace-${ns}.yaml`));
  for (const file of ["resourcequota-compute", "limitrange-container-limits"]) {
    await cluster.kubectl.apply(dist(`${file}.yaml`));
  }
  for (const account of ["website", "db-migrate", "db-ops"]) {
    await cluster.kubectl.apply(dist(`serviceaccount-${account}.yaml`));
  }
  // Quota admission refuses pods until the controller has computed the quota's usage once.
  await waitFor("the quota's usage computed", async () => ((await quotaUsed()).pods === "0" ? true : undefined));
}, 300_000);

afterAll(async () => {
  await cluster?.stop();
});

describe("production's capacity on the real kube-scheduler and quota admission", () => {
  it("admits and schedules the whole release peak on the node groups at max, every ReplicaSet spread by zone, as the static rule says", async () => {
    const [peak] = scenarios(env);
    expect(capacityProblems(env)).toEqual([]);
    const pods = await drivePeak(env).catch((error) => {
      throw new Error(`${error}\n${cluster.logs()}`);
    });
    const expected = peakPodGroups(env).reduce((sum, group) => sum + group.count, 0);
    expect(pods).toHaveLength(expected);
    expect(pending(pods).map((p) => p.metadata.name)).toEqual([]);
    expect(unplaced(peak)).toBe(0);
    // The rendered quota admits exactly the peak: every pod slot of it is used.
    const used = await waitFor("the quota's usage of the peak", async () => {
      const now = await quotaUsed();
      return now.pods === String(expected) ? now : undefined;
    });
    expect(used.pods).toBe(String(expected));
    const skews = zoneSkews(pods, zonesOf(env));
    expect(Object.keys(skews)).toHaveLength(peakPodGroups(env).filter((g) => g.spread).length);
    for (const skew of Object.values(skews)) expect(skew).toBeLessThanOrEqual(env.topology.maxSkew);
  }, 400_000);

  it("keeps HPA max of the active colour scheduled on the two zones left after losing us-east-1a, as the static rule predicted", async () => {
    const lost = "us-east-1a";
    const prediction = scenarios(env).find((s) => s.lostZone === lost);
    // The release is over: the old colours are scaled away and the Jobs are done.
    const others = peakPodGroups(env)
      .filter((g) => g.spread)
      .map((_, index) => replicaSetName(index))
      .slice(1);
    await cluster.kubectl.run(["scale", "replicaset", ...others, "--replicas=0", "-n", ns]);
    await cluster.kubectl.run([
      "delete",
      "pods",
      "-l",
      "candlefish.ai/peak=job",
      "-n",
      ns,
      "--force",
      "--grace-period=0",
    ]);
    const gone = nodesAtMax(env)
      .filter((n) => n.zone === lost)
      .map((n) => n.name);
    await cluster.kubectl.run(["delete", "nodes", ...gone]);
    // What the pod GC does to the pods of a vanished node (pkg/controller/podgc, gcOrphaned), without its
    // 40 s quarantine; the cluster pods' Deployments would recreate theirs, so they are created again unbound.
    for (const namespace of [ns, "kube-system"]) {
      const stranded = (await cluster.kubectl.json<{ items: PodSummary[] }>("get", "pods", "-n", namespace)).items
        .filter((p) => gone.includes(p.spec.nodeName ?? ""))
        .map((p) => p.metadata.name);
      if (stranded.length > 0) {
        await cluster.kubectl.run([
          "delete",
          "pods",
          ...stranded,
          "-n",
          namespace,
          "--force",
          "--grace-period=0",
          "--ignore-not-found",
        ]);
      }
    }
    await cluster.kubectl.apply(overheadPodsOf(env, lost));
    const maxReplicas = env.workloads.website?.hpa.maxReplicas ?? 0;
    const pods = await settledPods(cluster.kubectl, ns, maxReplicas);
    expect(pods.every((p) => p.metadata.labels?.[HASH_LABEL] === "rev0")).toBe(true);
    expect(pending(pods)).toHaveLength(unplaced(prediction));
    expect(unplaced(prediction)).toBe(0);
    const zoneOf = zonesOf(env, lost);
    expect(pods.every((p) => zoneOf.has(p.spec.nodeName ?? ""))).toBe(true);
    expect(zoneSkews(pods, zoneOf).rev0).toBeLessThanOrEqual(env.topology.maxSkew);
  }, 400_000);

  it("leaves as many pods Pending as the static rule predicts on a planted too-small node group, whose rule fails", async () => {
    await cluster.kubectl.run(["delete", "replicasets", "--all", "-n", ns]);
    for (const namespace of [ns, "kube-system"]) {
      await cluster.kubectl.run(["delete", "pods", "--all", "-n", namespace, "--force", "--grace-period=0"]);
    }
    await cluster.kubectl.run(["delete", "nodes", "--all"]);
    await waitFor("the quota's usage back to zero", async () => ((await quotaUsed()).pods === "0" ? true : undefined));
    // Planted: no spot capacity, one on-demand node per zone.
    const small = configOf("production");
    for (const group of small.infra.nodes.nodeGroups) group.maxSize = group.capacityType === "SPOT" ? 0 : 1;
    const problems = capacityProblems(small);
    expect(problems[0]).toMatch(
      /^env production: infra\.nodes\.nodeGroups: the release peak, all zones does not fit the node groups at max size .* no node for /,
    );
    const predicted = unplaced(scenarios(small)[0]);
    const pods = await drivePeak(small);
    console.log(`planted too-small node group: ${pending(pods).length} pods Pending, ${predicted} predicted`);
    expect(predicted).toBeGreaterThan(0);
    expect(pending(pods)).toHaveLength(predicted);
    for (const skew of Object.values(zoneSkews(pods, zonesOf(small)))) {
      expect(skew).toBeLessThanOrEqual(small.topology.maxSkew);
    }
  }, 400_000);
});
