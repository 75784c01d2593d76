import type { Construct } from "constructs";
import { AppProject } from "../../../imports/argo-cd-appproject-argoproj.io";
import type { DeliveryConfig, EnvConfig } from "../../env";
import { restoreDrillNamespace } from "../data/database-jobs-names";
import { syncWave } from "../meta/sync-wave";
import type { EmittedKinds } from "./group-kind";
import { ARGOCD_WAVE } from "./sync-policy";

/**
 * The Argo CD Rollout actions a release manager may run (argo-cd v3.5.1
 * resource_customizations/argoproj.io/Rollout/actions): resume (= promote, through the gate),
 * abort, retry, restart. Not promote-full or skip-current-step, which skip the remaining
 * analysis (a release served ungated), nor pause, which sets spec.paused: selfHeal reverts it, and
 * the rendered Rollout never pauses itself.
 */
export const RELEASE_ACTIONS = ["resume", "abort", "retry", "restart"] as const;

export interface ProductProjectProps {
  readonly delivery: DeliveryConfig;
  readonly envs: readonly EnvConfig[];
  readonly kinds: EmittedKinds;
  /** Application name of each env, for the sync window and RBAC. */
  readonly applicationOf: (env: EnvConfig) => string;
}

/**
 * Guardrails for the product's Applications: only this repo, only the env
 * namespaces on the env clusters, only the kinds the generator emits, a
 * warning for anything else found in those namespaces, and a working-hours
 * window for automated production syncs.
 */
export class ProductProject extends AppProject {
  constructor(scope: Construct, id: string, props: ProductProjectProps) {
    const { delivery, envs } = props;
    const production = envs.filter((env) => env.name === "production").map(props.applicationOf);
    super(scope, id, {
      metadata: {
        name: delivery.project,
        namespace: delivery.argocdNamespace,
        annotations: syncWave(ARGOCD_WAVE.projects),
      },
      spec: {
        description: "The Candlefish.ai website: rendered manifests in dist/<env>, one Application per env.",
        sourceRepos: [delivery.repoUrl],
        // The env's namespace and its restore drill's, which keeps the backup private key apart.
        destinations: envs.flatMap((env) =>
          [env.namespace, restoreDrillNamespace(env.namespace)].map((namespace) => ({
            name: env.infra.clusterName,
            namespace,
          })),
        ),
        clusterResourceWhitelist: [...props.kinds.clusterScoped],
        namespaceResourceWhitelist: [...props.kinds.namespaced],
        orphanedResources: { warn: true },
        syncWindows: [
          {
            kind: "allow",
            schedule: delivery.productionSyncWindow.schedule,
            duration: delivery.productionSyncWindow.duration,
            timeZone: delivery.productionSyncWindow.timeZone,
            applications: production,
            // Incidents do not wait for office hours: people may still sync by hand.
            manualSync: true,
          },
        ],
        roles: [
          {
            name: "release-manager",
            description: "Promote, abort and retry Rollouts; sync the product's Applications.",
            groups: [`${delivery.project}:release-managers`],
            policies: envs.flatMap((env) => {
              const app = `${delivery.project}/${props.applicationOf(env)}`;
              const who = `proj:${delivery.project}:release-manager`;
              return [
                `p, ${who}, applications, get, ${app}, allow`,
                `p, ${who}, applications, sync, ${app}, allow`,
                ...RELEASE_ACTIONS.map(
                  (action) => `p, ${who}, applications, action/argoproj.io/Rollout/${action}, ${app}, allow`,
                ),
              ];
            }),
          },
        ],
      },
    });
  }
}
