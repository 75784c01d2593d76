import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { EnvConfig } from "../env";
import { type ContainerBudget, DB_TOOLS_BUDGET, SMOKE_TEST_BUDGET, workloadBudget } from "./container-budget";
import { SYNC_WAVE, syncWave } from "./sync-wave";

/** How many of each container can run at once, at worst. */
function peakContainers(env: EnvConfig): { budget: ContainerBudget; count: number }[] {
  return Object.values(env.workloads)
    .flatMap((workload) => [
      // Blue/green: before the switch the preview ReplicaSet is scaled to the active one's size, and
      // up to scaleDownDelayRevisionLimit older ReplicaSets still wait out their scale-down delay.
      {
        budget: workloadBudget(workload),
        count: (2 + workload.rollout.scaleDownDelayRevisionLimit) * workload.hpa.maxReplicas,
      },
      { budget: workloadBudget(workload), count: 1 }, // the migration Job runs the website image
      { budget: SMOKE_TEST_BUDGET, count: 1 },
    ])
    .concat([{ budget: DB_TOOLS_BUDGET, count: 2 }]); // backup and restore check
}

function total(env: EnvConfig, pick: (budget: ContainerBudget) => number): number {
  return peakContainers(env).reduce((sum, { budget, count }) => sum + pick(budget) * count, 0);
}

function largest(env: EnvConfig, pick: (budget: ContainerBudget) => number): number {
  return Math.max(...peakContainers(env).map(({ budget }) => pick(budget)));
}

/**
 * A ResourceQuota sized for the worst moment of a release at full scale (both
 * colours and the old ReplicaSets still in their scale-down delay at maxReplicas,
 * plus every job), and a LimitRange that caps any one container at the largest
 * this env declares. Derived, never typed twice.
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
            },
            // Only for a container that forgets its own; every rendered one sets both.
            defaultRequest: { cpu: k8s.Quantity.fromString("50m"), memory: k8s.Quantity.fromString("64Mi") },
            default: { cpu: k8s.Quantity.fromString("200m"), memory: k8s.Quantity.fromString("256Mi") },
          },
        ],
      },
    });
  }
}
