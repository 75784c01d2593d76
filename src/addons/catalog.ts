import type { EnvConfig } from "../env";
import { alertingSecretObjects } from "./alerting-secret";
import { alertmanagerConfig, RECEIVERS_SECRET } from "./alertmanager-config";
import { prometheusStorageSpec, storageClassObject } from "./prometheus-storage";
import { NEVER_DELETE } from "./sync-options";

/**
 * A platform add-on: an upstream Helm chart at an exact version, installed in
 * every env cluster with values derived from env config and infra outputs.
 */
export interface AddOn {
  readonly name: string;
  readonly namespace: string;
  readonly repoUrl: string;
  readonly chart: string;
  /** Exact chart version: an upgrade is a reviewed diff of this line. */
  readonly version: string;
  /**
   * The app version the pinned chart ships (its Chart.yaml `appVersion`); the add-on check
   * (npm run addons) fails when it is not what the chart says.
   */
  readonly appVersion: string;
  /** Charts whose CRDs exceed the client-side apply annotation limit need server-side apply. */
  readonly serverSideApply: boolean;
  readonly values: (env: EnvConfig) => Record<string, unknown>;
}

/** The Argo Rollouts controller we rehearse and run: scripts/tools.sh builds this version. */
export const ARGO_ROLLOUTS_CONTROLLER = "v1.9.1";

const irsa = (roleArn: string) => ({ "eks.amazonaws.com/role-arn": roleArn });

/** The controller's ServiceAccount, named so terraform-ts's IRSA trust (serviceAccounts.argoRollouts) can match it. */
export const ARGO_ROLLOUTS_SERVICE_ACCOUNT = "argo-rollouts";

export const ADD_ONS: readonly AddOn[] = [
  {
    name: "argo-rollouts",
    namespace: "argo-rollouts",
    repoUrl: "https://argoproj.github.io/argo-helm",
    chart: "argo-rollouts",
    // No chart ships v1.9.1; 2.41.0 ships v1.9.0, whose CRDs equal v1.9.1's (the add-on check compares them).
    version: "2.41.0",
    appVersion: "v1.9.0",
    serverSideApply: false,
    values: (env) => ({
      installCRDs: true,
      // Argo CD ignores the chart's `helm.sh/resource-policy: keep` (keepCRDs); it honours these.
      crdAnnotations: NEVER_DELETE,
      // Its IRSA role (terraform-ts, policies/argo-rollouts.ts) may only read the ALB's target health.
      serviceAccount: { name: ARGO_ROLLOUTS_SERVICE_ACCOUNT, annotations: irsa(env.infra.addOnRoleArns.argoRollouts) },
      controller: {
        replicas: 2,
        // The controller the rehearsal builds and runs (scripts/tools.sh ROLLOUTS_RELEASE).
        image: { tag: ARGO_ROLLOUTS_CONTROLLER },
        // Blue/green: after the switch, wait until the ALB target group holds exactly the new pods, healthy,
        // before the old ReplicaSet may go (rollout/service.go, awsVerifyTargetGroups; the Argo Rollouts ALB
        // docs recommend it with target-type ip). The AWS SDK reads the region from AWS_REGION.
        extraArgs: ["--aws-verify-target-group"],
        extraEnv: [{ name: "AWS_REGION", value: env.infra.region }],
        metrics: {
          enabled: true,
          serviceMonitor: {
            enabled: true,
            additionalLabels: env.monitoring.prometheusSelector,
            // rollout_info and rollout_events_total carry the Rollout's `namespace`, which collides with
            // the target's and arrives as `exported_namespace` (the chart has no honorLabels key): put it
            // back, so the alerts and dashboards select the Rollout's namespace.
            metricRelabelings: [
              {
                sourceLabels: ["exported_namespace"],
                regex: "(.+)",
                targetLabel: "namespace",
                replacement: "$1",
                action: "replace",
              },
              { regex: "exported_namespace", action: "labeldrop" },
            ],
          },
        },
      },
      dashboard: { enabled: false },
    }),
  },
  {
    name: "external-secrets",
    namespace: "external-secrets",
    repoUrl: "https://charts.external-secrets.io",
    chart: "external-secrets",
    version: "2.9.0",
    appVersion: "v2.9.0",
    serverSideApply: true,
    values: (env) => ({
      installCRDs: true,
      crds: { annotations: NEVER_DELETE },
      serviceAccount: { annotations: irsa(env.infra.addOnRoleArns.externalSecrets) },
      serviceMonitor: { enabled: true, additionalLabels: env.monitoring.prometheusSelector, honorLabels: true },
    }),
  },
  {
    name: "kube-prometheus-stack",
    namespace: "monitoring",
    repoUrl: "https://prometheus-community.github.io/helm-charts",
    chart: "kube-prometheus-stack",
    // The last release on prometheus-operator v0.93.0, the version of the CRDs we validate against.
    version: "88.3.0",
    appVersion: "v0.93.0",
    serverSideApply: true,
    values: (env) => ({
      grafana: {
        sidecar: {
          // The dashboards live in each env namespace, next to what they show.
          dashboards: {
            enabled: true,
            label: "grafana_dashboard",
            labelValue: "1",
            searchNamespace: "ALL",
            folderAnnotation: "grafana_folder",
            // Without it the annotation is ignored and every dashboard lands in General
            // (grafana chart values.yaml, sidecar.dashboards.folderAnnotation).
            provider: { foldersFromFilesStructure: true },
          },
        },
      },
      alertmanager: {
        config: alertmanagerConfig(env),
        // Mounted at /etc/alertmanager/secrets/alertmanager-receivers/, where the receivers read their credentials.
        alertmanagerSpec: { secrets: [RECEIVERS_SECRET] },
      },
      extraManifests: [storageClassObject(), ...alertingSecretObjects(env)],
      prometheus: {
        prometheusSpec: {
          ...prometheusStorageSpec(env),
          ruleSelector: { matchLabels: env.monitoring.prometheusSelector },
          serviceMonitorSelector: { matchLabels: env.monitoring.prometheusSelector },
          serviceMonitorNamespaceSelector: {},
          ruleNamespaceSelector: {},
        },
      },
    }),
  },
  {
    name: "aws-load-balancer-controller",
    namespace: "kube-system",
    repoUrl: "https://aws.github.io/eks-charts",
    chart: "aws-load-balancer-controller",
    version: "1.14.1",
    appVersion: "v2.14.1",
    serverSideApply: false,
    values: (env) => ({
      clusterName: env.infra.clusterName,
      region: env.infra.region,
      vpcId: env.infra.vpcId,
      replicaCount: 2,
      serviceAccount: {
        create: true,
        name: "aws-load-balancer-controller",
        annotations: irsa(env.infra.addOnRoleArns.loadBalancerController),
      },
    }),
  },
  {
    name: "cluster-autoscaler",
    namespace: "kube-system",
    repoUrl: "https://kubernetes.github.io/autoscaler",
    chart: "cluster-autoscaler",
    // Its minor must be the cluster's (platform.kubernetesVersion): the autoscaler supports only its own minor.
    version: "9.53.0",
    appVersion: "1.34.2",
    serverSideApply: false,
    values: (env) => ({
      awsRegion: env.infra.region,
      // Finds the managed node groups (on-demand base + spot, 2–10 nodes) by their ASG tags.
      autoDiscovery: { clusterName: env.infra.clusterName },
      rbac: {
        serviceAccount: { name: "cluster-autoscaler", annotations: irsa(env.infra.addOnRoleArns.clusterAutoscaler) },
      },
      extraArgs: { "balance-similar-node-groups": true, "skip-nodes-with-system-pods": false, expander: "least-waste" },
    }),
  },
];
