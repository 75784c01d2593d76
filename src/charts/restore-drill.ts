import { Chart } from "cdk8s";
import { k8s } from "cdk8s-plus-28";
import type { Construct } from "constructs";
import { DATABASE_JOBS, RESTORE_DRILL_SERVICE_ACCOUNT, restoreDrillNamespace } from "../constructs/database-jobs-names";
import { SyncedSecret } from "../constructs/external-secret";
import { commonLabels } from "../constructs/labels";
import { AllowPolicy, DefaultDenyPolicy, namespacePeer } from "../constructs/network-policy";
import { RestoreDrill } from "../constructs/restore-drill";
import { RestrictedNamespace } from "../constructs/restricted-namespace";
import { DB_OPS_SECRETS } from "../constructs/secret-names";
import { AwsSecretStore } from "../constructs/secret-store";
import { Rules } from "../constructs/slo-prometheus-rule";
import { SYNC_WAVE, syncWave } from "../constructs/sync-wave";
import type { EnvConfig } from "../env";
import { restoreDrillRuleGroups } from "../slo/restore-drill-rules";

/**
 * The monthly restore drill in a namespace of its own: the GPG private key never enters the
 * app's namespace, and nothing here may reach the app's pods or its database (default deny; DNS,
 * and HTTPS for S3, STS and the IRSA token exchange, only). Its alerts watch kube-state-metrics.
 */
export class RestoreDrillChart extends Chart {
  constructor(scope: Construct, env: EnvConfig) {
    super(scope, "restore-drill", { disableResourceNameHashes: true });
    const namespace = restoreDrillNamespace(env.namespace);
    const labels = commonLabels({ env: env.name, workload: DATABASE_JOBS.restoreDrill });
    new RestrictedNamespace(this, "namespace", {
      name: namespace,
      labels,
      kubernetesVersion: env.platform.kubernetesVersion,
    });
    const inside = new Chart(this, "namespaced", { namespace, disableResourceNameHashes: true });

    new k8s.KubeServiceAccount(inside, "sa", {
      metadata: {
        name: RESTORE_DRILL_SERVICE_ACCOUNT,
        labels,
        annotations: {
          ...syncWave(SYNC_WAVE.prerequisites),
          "eks.amazonaws.com/role-arn": env.infra.restoreDrillRoleArn,
        },
      },
      automountServiceAccountToken: false,
    });
    new AwsSecretStore(inside, "store", {
      name: RESTORE_DRILL_SERVICE_ACCOUNT,
      region: env.infra.region,
      serviceAccountName: RESTORE_DRILL_SERVICE_ACCOUNT,
      labels,
    });
    new SyncedSecret(inside, "private-key", {
      name: DB_OPS_SECRETS.backupPrivateKey,
      storeName: RESTORE_DRILL_SERVICE_ACCOUNT,
      remoteKey: env.infra.secretNames.backupGpgPrivateKey,
      keys: { "private.asc": "private_key" },
      labels,
    });

    new DefaultDenyPolicy(inside, "default-deny", labels, "restore-drill-default-deny-all");
    new AllowPolicy(inside, "dns", {
      name: "allow-restore-drill-dns-egress",
      reason: "The drill resolves AWS endpoints through the cluster DNS in kube-system.",
      pods: "all-pods",
      labels,
      egress: {
        peers: [namespacePeer("kube-system", { "k8s-app": "kube-dns" })],
        ports: [
          { protocol: "UDP", port: 53 },
          { protocol: "TCP", port: 53 },
        ],
      },
    });
    new AllowPolicy(inside, "https", {
      name: "allow-restore-drill-https-egress",
      reason: "S3 (the backup) and STS (IRSA) over HTTPS; no database port: the drill restores into its own pod.",
      pods: [DATABASE_JOBS.restoreDrill],
      labels,
      egress: { peers: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] },
    });

    new RestoreDrill(inside, "drill", env, labels);

    const drill = env.database.restoreDrill;
    new Rules(inside, "rules", {
      name: "restore-drill",
      labels: { ...labels, ...env.monitoring.prometheusSelector },
      groups: restoreDrillRuleGroups({
        namespace,
        cronJob: DATABASE_JOBS.restoreDrill,
        recoveryTimeObjectiveMinutes: drill.recoveryTimeObjectiveMinutes,
        maxDaysBetweenDrills: drill.maxDaysBetweenDrills,
        runbookUrl: (page) => `${env.monitoring.runbookBaseUrl}/${page}.md`,
      }),
    });
  }
}
