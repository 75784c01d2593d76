import type { EnvConfig } from "../env";
import { RECEIVER_KEYS, RECEIVERS_SECRET } from "./alertmanager-config";

const STORE = "alerting";

/**
 * The objects that bring Alertmanager's receiver credentials from AWS Secrets Manager into the
 * monitoring namespace. The website's AppProject cannot deploy there, so they ride with the
 * kube-prometheus-stack Application of the platform project (its `extraManifests`). The store has
 * no `auth`: External Secrets reads as its own controller, whose IRSA role may read exactly this
 * secret (terraform-ts service-account-roles.ts). Defaults are written out, or Argo CD shows a diff.
 */
export function alertingSecretObjects(env: EnvConfig): Record<string, unknown>[] {
  const namespace = env.platform.monitoringNamespace;
  const labels = { "app.kubernetes.io/part-of": "candlefish", "app.kubernetes.io/managed-by": "candlefish-gitops" };
  const remote = (property: string, secretKey: string) => ({
    secretKey,
    remoteRef: {
      key: env.infra.secretNames.alerting,
      property,
      conversionStrategy: "Default",
      decodingStrategy: "None",
      metadataPolicy: "None",
    },
  });
  return [
    {
      apiVersion: "external-secrets.io/v1",
      kind: "SecretStore",
      metadata: { name: STORE, namespace, labels },
      spec: { provider: { aws: { service: "SecretsManager", region: env.infra.region, sessionTagsPolicy: "None" } } },
    },
    {
      apiVersion: "external-secrets.io/v1",
      kind: "ExternalSecret",
      metadata: { name: RECEIVERS_SECRET, namespace, labels },
      spec: {
        refreshInterval: "1h0m0s",
        refreshPolicy: "Periodic",
        secretStoreRef: { kind: "SecretStore", name: STORE },
        target: { name: RECEIVERS_SECRET, creationPolicy: "Owner", deletionPolicy: "Retain" },
        data: [
          ...(env.monitoring.alerting.pager
            ? [remote(RECEIVER_KEYS.pagerRoutingKey, RECEIVER_KEYS.pagerRoutingKey)]
            : []),
          remote(RECEIVER_KEYS.chatWebhookUrl, RECEIVER_KEYS.chatWebhookUrl),
        ],
      },
    },
  ];
}
