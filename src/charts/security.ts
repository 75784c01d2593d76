import { Chart } from "cdk8s";
import { k8s } from "cdk8s-plus-28";
import type { Construct } from "constructs";
import { POD_READINESS_GATE_LABEL } from "../constructs/alb-ingress";
import { DB_MIGRATE_SERVICE_ACCOUNT, DB_OPS_SERVICE_ACCOUNT } from "../constructs/database-jobs-names";
import { SyncedSecret } from "../constructs/external-secret";
import { commonLabels } from "../constructs/labels";
import { ResourceBudget } from "../constructs/resource-budget";
import { RestrictedNamespace } from "../constructs/restricted-namespace";
import { DATABASE_KEYS, DB_OPS_SECRETS, REDIS_KEYS, workloadSecretNames } from "../constructs/secret-names";
import { AwsSecretStore } from "../constructs/secret-store";
import { SYNC_WAVE, syncWave } from "../constructs/sync-wave";
import type { EnvConfig } from "../env";

/**
 * The namespace and what guards it: Pod Security `restricted`, a quota sized
 * from the env, and secrets that come from AWS Secrets Manager by name only,
 * each identity (website, migrator, backup) reading only its own.
 */
export class SecurityChart extends Chart {
  constructor(scope: Construct, env: EnvConfig) {
    super(scope, "security", { disableResourceNameHashes: true });
    const labels = commonLabels({ env: env.name, workload: "platform" });
    new RestrictedNamespace(this, "namespace", {
      name: env.namespace,
      // The load balancer controller's webhook then gives each pod a readiness gate that holds until the pod
      // is registered and healthy in the ALB's target group, so a rollout never outpaces the registration.
      labels: { ...labels, [POD_READINESS_GATE_LABEL]: "enabled" },
      kubernetesVersion: env.platform.kubernetesVersion,
    });
    const namespaced = new Chart(this, "namespaced", { namespace: env.namespace, disableResourceNameHashes: true });
    new ResourceBudget(namespaced, "budget", env, labels);

    for (const workload of Object.keys(env.workloads)) {
      const names = workloadSecretNames(workload);
      const workloadLabels = commonLabels({ env: env.name, workload });
      new AwsSecretStore(namespaced, `${workload}-store`, {
        name: workload,
        region: env.infra.region,
        serviceAccountName: workload,
        labels: workloadLabels,
      });
      const read = { storeName: workload, labels: workloadLabels };
      new SyncedSecret(namespaced, `${workload}-database`, {
        ...read,
        name: names.database,
        remoteKey: env.infra.secretNames.database,
        keys: DATABASE_KEYS,
      });
      new SyncedSecret(namespaced, `${workload}-redis`, {
        ...read,
        name: names.redis,
        remoteKey: env.infra.secretNames.redis,
        keys: REDIS_KEYS,
      });
    }

    // One identity per database job: its own ServiceAccount (IRSA role), SecretStore and Secret.
    const identities = [
      {
        account: DB_MIGRATE_SERVICE_ACCOUNT,
        roleArn: env.infra.dbMigrateRoleArn,
        secrets: [
          { name: DB_OPS_SECRETS.migrator, remoteKey: env.infra.secretNames.databaseMigrator, keys: DATABASE_KEYS },
        ],
      },
      {
        account: DB_OPS_SERVICE_ACCOUNT,
        roleArn: env.infra.dbOpsRoleArn,
        secrets: [
          { name: DB_OPS_SECRETS.backup, remoteKey: env.infra.secretNames.databaseBackup, keys: DATABASE_KEYS },
          {
            name: DB_OPS_SECRETS.backupPublicKey,
            remoteKey: env.infra.secretNames.backupGpgPublicKey,
            keys: { "public.asc": "public_key" },
          },
        ],
      },
    ];
    for (const { account, roleArn, secrets } of identities) {
      const accountLabels = commonLabels({ env: env.name, workload: account });
      new k8s.KubeServiceAccount(namespaced, `${account}-sa`, {
        metadata: {
          name: account,
          labels: accountLabels,
          annotations: { ...syncWave(SYNC_WAVE.prerequisites), "eks.amazonaws.com/role-arn": roleArn },
        },
        automountServiceAccountToken: false,
      });
      new AwsSecretStore(namespaced, `${account}-store`, {
        name: account,
        region: env.infra.region,
        serviceAccountName: account,
        labels: accountLabels,
      });
      for (const secret of secrets) {
        new SyncedSecret(namespaced, secret.name, { ...secret, storeName: account, labels: accountLabels });
      }
    }
  }
}
