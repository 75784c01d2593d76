import type { Construct } from "constructs";
import { Application } from "../../../imports/argo-cd-application-argoproj.io";
import type { AddOn } from "../../addons/catalog";
import type { DeliveryConfig, EnvConfig } from "../../env";
import { syncWave } from "../meta/sync-wave";
import { ARGOCD_WAVE, automatedSync } from "./sync-policy";

export interface EnvApplicationProps {
  readonly delivery: DeliveryConfig;
  readonly env: EnvConfig;
  readonly name: string;
  /** Folder of the env's rendered manifests, relative to the repository root. */
  readonly path: string;
}

/**
 * Syncs dist/<env> into the env's namespace on the env's cluster. No cascade finalizer: deleting
 * the Application (or its file, which the root prunes) leaves the env running, unmanaged; taking an
 * env down is a deliberate `argocd app delete --cascade` (docs/argocd.md).
 */
export class EnvApplication extends Application {
  constructor(scope: Construct, id: string, props: EnvApplicationProps) {
    const { delivery, env } = props;
    super(scope, id, {
      metadata: { name: props.name, namespace: delivery.argocdNamespace, annotations: syncWave(ARGOCD_WAVE.product) },
      spec: {
        project: delivery.project,
        source: {
          repoUrl: delivery.repoUrl,
          targetRevision: delivery.targetRevision,
          path: props.path,
          // No `directory: { recurse: false }`: it is the default, Argo CD strips it from the live
          // Application (argo-cd v3.5.1 util/argo/argo.go, NormalizeSource) and the app of apps
          // puts it back on every sync, forever (found by the rehearsal).
        },
        destination: { name: env.infra.clusterName, namespace: env.namespace },
        // The Namespace is rendered (with its Pod Security labels), so Argo CD must not create a bare one.
        syncPolicy: automatedSync(["CreateNamespace=false"]),
        // The HPA owns replicas; the Rollout never sets them, and Argo CD must not fight the controller.
        ignoreDifferences: [{ group: "argoproj.io", kind: "Rollout", jsonPointers: ["/spec/replicas"] }],
        revisionHistoryLimit: 10,
      },
    });
  }
}

export interface AddOnApplicationProps {
  readonly delivery: DeliveryConfig;
  readonly env: EnvConfig;
  readonly addOn: AddOn;
}

/**
 * One upstream chart at its pinned version in one env cluster. No cascade finalizer: an add-on
 * owns CRDs, and deleting a CRD deletes every custom resource of its kind (every Rollout).
 */
export class AddOnApplication extends Application {
  constructor(scope: Construct, id: string, props: AddOnApplicationProps) {
    const { delivery, env, addOn } = props;
    super(scope, id, {
      metadata: {
        name: `${addOn.name}-${env.name}`,
        namespace: delivery.argocdNamespace,
        // Controllers and CRDs before the product's Applications use them.
        annotations: syncWave(ARGOCD_WAVE.addOns),
      },
      spec: {
        project: delivery.platformProject,
        source: {
          repoUrl: addOn.repoUrl,
          chart: addOn.chart,
          targetRevision: addOn.version,
          helm: { releaseName: addOn.name, valuesObject: addOn.values(env) },
        },
        destination: { name: env.infra.clusterName, namespace: addOn.namespace },
        syncPolicy: automatedSync(["CreateNamespace=true", ...(addOn.serverSideApply ? ["ServerSideApply=true"] : [])]),
        revisionHistoryLimit: 10,
      },
    });
  }
}

export interface RootApplicationProps {
  readonly delivery: DeliveryConfig;
  /** Folder holding every other Argo CD object, relative to the repository root. */
  readonly appsPath: string;
}

/**
 * App of apps: `kubectl apply -f argocd/root.yaml` once on the Argo CD cluster,
 * and everything else (projects, env Applications, add-ons) follows from Git.
 */
export class RootApplication extends Application {
  constructor(scope: Construct, id: string, props: RootApplicationProps) {
    const { delivery } = props;
    super(scope, id, {
      // No cascade finalizer here: deleting the root by mistake must not take every env down with it.
      metadata: { name: `${delivery.project}-root`, namespace: delivery.argocdNamespace },
      spec: {
        project: "default",
        source: {
          repoUrl: delivery.repoUrl,
          targetRevision: delivery.targetRevision,
          path: props.appsPath,
        },
        destination: { server: "https://kubernetes.default.svc", namespace: delivery.argocdNamespace },
        syncPolicy: automatedSync([]),
        revisionHistoryLimit: 10,
      },
    });
  }
}
