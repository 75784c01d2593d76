import type { Construct } from "constructs";
import { AppProject } from "../../../imports/argo-cd-appproject-argoproj.io";
import type { AddOn } from "../../addons/catalog";
import type { DeliveryConfig, EnvConfig } from "../../env";
import { syncWave } from "../meta/sync-wave";
import { ARGOCD_WAVE } from "./sync-policy";

export interface PlatformProjectProps {
  readonly delivery: DeliveryConfig;
  readonly envs: readonly EnvConfig[];
  readonly addOns: readonly AddOn[];
}

/**
 * The add-ons' project: only their chart repositories and namespaces. Operators
 * install CRDs, webhooks and cluster roles, so cluster-scoped kinds are open here
 * and nowhere else.
 */
export class PlatformProject extends AppProject {
  constructor(scope: Construct, id: string, props: PlatformProjectProps) {
    const { delivery, envs, addOns } = props;
    const namespaces = [...new Set(addOns.map((addOn) => addOn.namespace))].sort();
    super(scope, id, {
      metadata: {
        name: delivery.platformProject,
        namespace: delivery.argocdNamespace,
        annotations: syncWave(ARGOCD_WAVE.projects),
      },
      spec: {
        description: "Cluster add-ons from pinned upstream Helm charts: controllers the product relies on.",
        sourceRepos: [...new Set(addOns.map((addOn) => addOn.repoUrl))].sort(),
        destinations: envs.flatMap((env) =>
          namespaces.map((namespace) => ({ name: env.infra.clusterName, namespace })),
        ),
        clusterResourceWhitelist: [{ group: "*", kind: "*" }],
        namespaceResourceWhitelist: [{ group: "*", kind: "*" }],
        orphanedResources: { warn: false },
      },
    });
  }
}
