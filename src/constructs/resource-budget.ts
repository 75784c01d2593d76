import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import { peakPodGroups } from "../capacity/peak";
import type { EnvConfig } from "../env";
import type { ContainerBudget } from "./container-budget";
import { SYNC_WAVE, syncWave } from "./sync-wave";

/** How many of each container can run at once, at worst: the same list the capacity rules count. */
const peakContainers = (env: EnvConfig) => peakPodGroups(env);

function total(env: EnvConfig, pick: (budget: ContainerBudget) => number): number {
  return peakContainers(env).reduce((sum, { budget, count }) => sum + pick(budget) * count, 0);
}

function largest(env: EnvConfig, pick: (budget: ContainerBudget) => number): number {
  return Math.max(...peakContainers(env).map(({ budget }) => pick(budget)));
}

/**
 * A ResourceQuota sized for the worst moment of a release at full scale (both
 * colours and the old ReplicaSets the scale-down delay keeps, at maxReplicas, plus every job), and a LimitRange that caps any one
 * container at the largest this env declares. Derived, never typed twice.
 */
export class ResourceBudget extends Construct {
  constructor(scope: Construct, id: string, env: EnvConfig, labels: Record<string, string>) {
    super(scope, id);
    const pods = peakContainers(env).reduce((sum, { count }) => sum + count, 0);
    new k8s.KubeResourceQuota(this, "quota", {
      metadata: { name: "compute", labels, annotations: syncWave(SYNC_WAVE.prerequisites) },
      spec: {
        hard: {
          pods: k8s.Quantity.fromNumber(pods),
          "requests.cpu": k8s.Quantity.fromString(`${total(env, (b) => b.cpuRequestMillis)}m`),
          "requests.memory": k8s.Quantity.fromString(`${total(env, (b) => b.memoryRequestMebibytes)}Mi`),
          "limits.cpu": k8s.Quantity.fromString(`${total(env, (b) => b.cpuLimitMillis)}m`),
          "limits.memory": k8s.Quantity.fromString(`${total(env, (b) => b.memoryLimitMebibytes)}Mi`),
          "requests.ephemeral-storage": k8s.Quantity.fromString(`${total(env, (b) => b.storageRequestMebibytes)}Mi`),
          "limits.ephemeral-storage": k8s.Quantity.fromString(`${total(env, (b) => b.storageLimitMebibytes)}Mi`),
        },
      },
    });
    new k8s.KubeLimitRange(this, "limits", {
      metadata: { name: "container-limits", labels, annotations: syncWave(SYNC_WAVE.prerequisites) },
      spec: {
        limits: [
          {
            type: "Container",
            max: {
              cpu: k8s.Quantity.fromString(`${largest(env, (b) => b.cpuLimitMillis)}m`),
              memory: k8s.Quantity.fromString(`${largest(env, (b) => b.memoryLimitMebibytes)}Mi`),
              "ephemeral-storage": k8s.Quantity.fromString(`${largest(env, (b) => b.storageLimitMebibytes)}Mi`),
            },
            // Only for a container that forgets its own; every rendered one sets all three.
            defaultRequest: {
              cpu: k8s.Quantity.fromString("50m"),
              memory: k8s.Quantity.fromString("64Mi"),
              "ephemeral-storage": k8s.Quantity.fromString("64Mi"),
            },
            default: {
              cpu: k8s.Quantity.fromString("200m"),
              memory: k8s.Quantity.fromString("256Mi"),
              "ephemeral-storage": k8s.Quantity.fromString("512Mi"),
            },
          },
        ],
      },
    });
  }
}
