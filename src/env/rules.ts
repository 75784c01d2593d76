import type { z } from "zod";
import { analysisRules, sloRules } from "./analysis-rules";
import { cpuMillicores, memoryBytes, TMP_VOLUME_MEBIBYTES } from "./quantity";
import type { EnvShape } from "./shape";

type Context = z.RefinementCtx<EnvShape>;

const quantityParsers = [
  ["cpu", cpuMillicores],
  ["memory", memoryBytes],
  ["ephemeralStorage", memoryBytes],
] as const;

function fail(ctx: Context, path: (string | number)[], message: string, input: unknown): void {
  ctx.addIssue({ code: "custom", path, message, input });
}

/**
 * Rules that span several fields. Each names the field it blames and quotes
 * the value it compared against, so a PR author sees the fix in the message.
 */
export function crossFieldRules(env: EnvShape, ctx: Context): void {
  sloRules(env, ctx);
  storageRules(env, ctx);
  env.topology.zones.forEach((zone, index) => {
    if (!zone.startsWith(env.infra.region) || zone.length !== env.infra.region.length + 1) {
      fail(ctx, ["topology", "zones", index], `must be a zone of infra.region = ${env.infra.region}`, zone);
    }
  });
  for (const [name, workload] of Object.entries(env.workloads)) {
    const at = (...path: string[]) => ["workloads", name, ...path];
    const { hpa, pdb, rollout, resources } = workload;

    if (hpa.minReplicas < pdb.minAvailable + 1) {
      fail(
        ctx,
        at("hpa", "minReplicas"),
        `must be at least pdb.minAvailable + 1 = ${pdb.minAvailable + 1}, or a node drain can never evict a pod`,
        hpa.minReplicas,
      );
    }
    if (hpa.maxReplicas < hpa.minReplicas) {
      fail(ctx, at("hpa", "maxReplicas"), `must be at least hpa.minReplicas = ${hpa.minReplicas}`, hpa.maxReplicas);
    }
    if (hpa.minReplicas < env.topology.zones.length) {
      fail(
        ctx,
        at("hpa", "minReplicas"),
        `must be at least the number of topology.zones = ${env.topology.zones.length}, so every zone runs a pod`,
        hpa.minReplicas,
      );
    }
    const served = hpa.concurrentUsersPerPod * hpa.maxReplicas;
    if (served < env.capacity.concurrentUsers) {
      fail(
        ctx,
        at("hpa", "maxReplicas"),
        `× hpa.concurrentUsersPerPod = ${hpa.concurrentUsersPerPod} (an assumption until a load test measures it) serves ${served} concurrent users at the CPU target, below capacity.concurrentUsers = ${env.capacity.concurrentUsers}`,
        hpa.maxReplicas,
      );
    }
    if (rollout.previewReplicaCount > hpa.maxReplicas) {
      fail(
        ctx,
        at("rollout", "previewReplicaCount"),
        `must be at most hpa.maxReplicas = ${hpa.maxReplicas}`,
        rollout.previewReplicaCount,
      );
    }
    if (workload.metrics.port === workload.containerPort) {
      fail(
        ctx,
        at("metrics", "port"),
        `must differ from containerPort = ${workload.containerPort}: metrics stay off the port the load balancer reaches`,
        workload.metrics.port,
      );
    }
    tmpFits(ctx, at("resources", "limits", "ephemeralStorage"), resources.limits.ephemeralStorage);
    for (const [resource, amountOf] of quantityParsers) {
      const request = resources.requests[resource];
      const limit = resources.limits[resource];
      if (amountOf(request) > amountOf(limit)) {
        fail(
          ctx,
          at("resources", "requests", resource),
          `must be at most resources.limits.${resource} = ${limit}`,
          request,
        );
      }
    }
    if (env.infra.workloadRoleArns[name] === undefined) {
      fail(
        ctx,
        ["infra", "workloadRoleArns", name],
        `must hold an IRSA role ARN for workload "${name}" (terraform-ts creates it; npm run resolve writes it)`,
        undefined,
      );
    }
    analysisRules(env, ctx, at, workload);
  }
}

/** An ephemeral-storage limit below the /tmp volume would evict the pod before /tmp is full. */
function tmpFits(ctx: Context, path: (string | number)[], limit: string): void {
  if (memoryBytes(limit) < TMP_VOLUME_MEBIBYTES * 2 ** 20) {
    fail(ctx, path, `must be at least the ${TMP_VOLUME_MEBIBYTES}Mi /tmp volume every container mounts`, limit);
  }
}

/** The database Jobs' ephemeral storage: requests fit limits, limits fit /tmp. */
function storageRules(env: EnvShape, ctx: Context): void {
  const { request, limit } = env.database.backupStorage;
  tmpFits(ctx, ["database", "backupStorage", "limit"], limit);
  if (memoryBytes(request) > memoryBytes(limit)) {
    fail(
      ctx,
      ["database", "backupStorage", "request"],
      `must be at most database.backupStorage.limit = ${limit}`,
      request,
    );
  }
}
