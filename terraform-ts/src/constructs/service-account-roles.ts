import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { Construct } from "constructs";
import { envResourceName } from "../config/naming";
import type { EnvConfig } from "../config/types";
import { argoRolloutsStatements } from "../policies/argo-rollouts";
import { clusterAutoscalerStatements } from "../policies/cluster-autoscaler";
import { loadBalancerControllerStatements } from "../policies/load-balancer-controller";
import type { AppSecrets } from "./app-secrets";
import type { KubernetesCluster } from "./eks-cluster";
import { IrsaRole, type ServiceAccountRef } from "./irsa-role";

/** ServiceAccounts as the GitOps side names them (src/addons/catalog.ts, src/charts). */
export const serviceAccounts = (env: EnvConfig) =>
  ({
    website: { namespace: env.namespace, name: "website" },
    externalSecrets: { namespace: "external-secrets", name: "external-secrets" },
    loadBalancerController: { namespace: "kube-system", name: "aws-load-balancer-controller" },
    clusterAutoscaler: { namespace: "kube-system", name: "cluster-autoscaler" },
    argoRollouts: { namespace: "argo-rollouts", name: "argo-rollouts" },
    dbMigrate: { namespace: env.namespace, name: "db-migrate" },
    dbOps: { namespace: env.namespace, name: "db-ops" },
    // The restore drill's own namespace (src/constructs/database-jobs-names.ts, restoreDrillNamespace).
    restoreDrill: { namespace: `${env.namespace}-restore-drill`, name: "db-restore-drill" },
  }) as const satisfies Record<string, ServiceAccountRef>;

export interface ServiceAccountRolesProps {
  readonly env: EnvConfig;
  readonly cluster: KubernetesCluster;
  readonly secrets: AppSecrets;
  readonly backupBucketArn: string;
  readonly backupKeyArn: string;
  /** The env's VPC, the boundary of what the load balancer controller may change. */
  readonly vpcArn: string;
}

/** One IRSA role per in-cluster identity, each with only what that identity does. */
export class ServiceAccountRoles extends Construct {
  public readonly website: IrsaRole;
  public readonly externalSecrets: IrsaRole;
  public readonly loadBalancerController: IrsaRole;
  public readonly clusterAutoscaler: IrsaRole;
  public readonly argoRollouts: IrsaRole;
  public readonly dbMigrate: IrsaRole;
  public readonly dbOps: IrsaRole;
  public readonly restoreDrill: IrsaRole;

  constructor(scope: Construct, id: string, props: ServiceAccountRolesProps) {
    super(scope, id);
    const { env, cluster, secrets } = props;
    const accounts = serviceAccounts(env);
    const role = (roleId: string, serviceAccount: ServiceAccountRef, statements: DataAwsIamPolicyDocumentStatement[]) =>
      new IrsaRole(this, roleId, {
        roleName: envResourceName(env, roleId),
        oidcProviderArn: cluster.oidcProvider.arn,
        oidcIssuerHostPath: cluster.oidcIssuerHostPath,
        serviceAccount,
        statements,
      });
    const readSecrets = (secretArns: string[]): DataAwsIamPolicyDocumentStatement[] => [
      {
        sid: "ReadOwnSecrets",
        actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        resources: secretArns,
      },
      {
        sid: "DecryptOwnSecrets",
        actions: ["kms:Decrypt"],
        resources: [secrets.keyArn],
        // Only through Secrets Manager: the key cannot be used to decrypt anything else directly.
        condition: [
          { test: "StringEquals", variable: "kms:ViaService", values: [`secretsmanager.${env.region}.amazonaws.com`] },
        ],
      },
    ];

    // External Secrets reads as the website's ServiceAccount, so this is what the website can see.
    this.website = role("website", accounts.website, readSecrets([secrets.database.arn, secrets.redis.arn]));

    // The website's SecretStores authenticate with the workloads' own ServiceAccount tokens (jwt auth).
    // The one deliberate exception: the monitoring namespace's SecretStore (rendered with the
    // kube-prometheus-stack Application) reads Alertmanager's receiver secret as the controller itself.
    this.externalSecrets = role("external-secrets", accounts.externalSecrets, readSecrets([secrets.alerting.arn]));

    this.loadBalancerController = role(
      "aws-load-balancer-controller",
      accounts.loadBalancerController,
      loadBalancerControllerStatements({
        region: env.region,
        accountId: env.accountId,
        clusterName: envResourceName(env),
        vpcArn: props.vpcArn,
      }),
    );
    this.clusterAutoscaler = role(
      "cluster-autoscaler",
      accounts.clusterAutoscaler,
      clusterAutoscalerStatements(env.region, env.accountId, envResourceName(env)),
    );
    // Blue/green target-group verification: the controller reads the ALB's target health, nothing more.
    this.argoRollouts = role("argo-rollouts", accounts.argoRollouts, argoRolloutsStatements());

    // The migration Job: the migrator's credentials (DDL). External Secrets reads them as this role.
    this.dbMigrate = role("db-migrate", accounts.dbMigrate, readSecrets([secrets.databaseMigrator.arn]));

    // The backup job: the read-only identity, the GPG public key, and writing to the bucket. Uploads
    // take the bucket's default SSE-KMS key; a multipart upload needs kms:Decrypt as well (S3 user
    // guide, "Uploading and copying objects using multipart upload": permissions for SSE-KMS).
    this.dbOps = role("db-ops", accounts.dbOps, [
      ...readSecrets([secrets.databaseBackup.arn, secrets.backupGpgPublicKey.arn]),
      { sid: "WriteBackups", actions: ["s3:PutObject"], resources: [`${props.backupBucketArn}/*`] },
      {
        sid: "UseBackupKey",
        actions: ["kms:GenerateDataKey", "kms:Decrypt"],
        resources: [props.backupKeyArn],
      },
    ]);

    // The restore drill: the GPG private key and reading the bucket. No database identity at all: it
    // restores into a throwaway server in its own pod.
    this.restoreDrill = role("db-restore-drill", accounts.restoreDrill, [
      ...readSecrets([secrets.backupGpgPrivateKey.arn]),
      { sid: "ListBackups", actions: ["s3:ListBucket"], resources: [props.backupBucketArn] },
      { sid: "ReadBackups", actions: ["s3:GetObject"], resources: [`${props.backupBucketArn}/*`] },
      { sid: "DecryptBackups", actions: ["kms:Decrypt"], resources: [props.backupKeyArn] },
    ]);
  }
}
