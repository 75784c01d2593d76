import { type ContainerBudget, dbToolsBudget, SMOKE_TEST_BUDGET, workloadBudget } from "../constructs/container-budget";
import type { EnvConfig } from "../env";

/** Pods of one kind at the worst moment; `spread` names a ReplicaSet spread over zones with maxSkew. */
export interface PodGroup {
  readonly name: string;
  readonly budget: ContainerBudget;
  readonly count: number;
  readonly spread?: boolean;
}

/**
 * The worst moment of a release at full scale, by ReplicaSet: the active colour and the preview (scaled
 * to the active size at promotion) at hpa.maxReplicas, plus each old ReplicaSet still inside its
 * scale-down delay (at most scaleDownDelayRevisionLimit: Argo Rollouts' scaleDownDelayHelper keeps that
 * many at full size), plus every Job that can run meanwhile. The ResourceQuota and the capacity rules
 * both count this list, so they cannot disagree.
 */
export function peakPodGroups(env: EnvConfig): PodGroup[] {
  return (
    Object.entries(env.workloads)
      .flatMap(([name, workload]): PodGroup[] => {
        const budget = workloadBudget(workload);
        const colours = [
          "active",
          "preview",
          ...Array.from({ length: workload.rollout.scaleDownDelayRevisionLimit }, (_, i) => `old-${i + 1}`),
        ];
        return [
          ...colours.map((colour) => ({
            name: `${name} ${colour}`,
            budget,
            count: workload.hpa.maxReplicas,
            spread: true,
          })),
          { name: `${name} migration Job`, budget, count: 1 }, // the migration Job runs the website image
          { name: `${name} smoke Job`, budget: SMOKE_TEST_BUDGET, count: 1 },
        ];
      })
      // The backup; the monthly restore drill runs in a namespace (and a quota) of its own: restore-drill.ts.
      .concat([{ name: "backup Job", budget: dbToolsBudget(env.database), count: 1 }])
  );
}

/** The steady state at HPA max: one colour per workload, what must survive the loss of a zone. */
export function steadyPodGroups(env: EnvConfig): PodGroup[] {
  return Object.entries(env.workloads).map(([name, workload]) => ({
    name: `${name} active`,
    budget: workloadBudget(workload),
    count: workload.hpa.maxReplicas,
    spread: true,
  }));
}
