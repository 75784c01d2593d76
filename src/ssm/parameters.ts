/**
 * The infra outputs contract: every SSM parameter terraform-ts publishes under
 * `/candlefish/<env>/` and `npm run resolve` reads back into
 * src/env/outputs/<env>.json. One list, imported by both sides; no
 * dependencies, so terraform-ts can import it as plain TypeScript.
 */
export interface ParameterSpec {
  /** Name below `/candlefish/<env>/`. */
  readonly name: string;
  /** Where the value goes in the outputs JSON (dot path). */
  readonly output: string;
  /** StringList for lists (comma-separated, the SSM convention); String otherwise. */
  readonly type: "String" | "StringList";
  /** A String holding JSON, for facts with structure (the node groups); parsed by resolve. */
  readonly json?: true;
}

export const SSM_PREFIX = (env: string) => `/candlefish/${env}/`;

export const SSM_PARAMETERS: readonly ParameterSpec[] = [
  { name: "region", output: "region", type: "String" },
  { name: "account-id", output: "accountId", type: "String" },
  { name: "eks/cluster-name", output: "clusterName", type: "String" },
  { name: "eks/node-groups", output: "nodes", type: "String", json: true },
  { name: "network/vpc-id", output: "vpcId", type: "String" },
  { name: "network/vpc-cidr", output: "vpcCidr", type: "String" },
  { name: "network/public-subnet-cidrs", output: "publicSubnetCidrs", type: "StringList" },
  { name: "network/private-subnet-cidrs", output: "privateSubnetCidrs", type: "StringList" },
  { name: "network/data-subnet-cidrs", output: "dataSubnetCidrs", type: "StringList" },
  { name: "network/alb-security-group-id", output: "albSecurityGroupId", type: "String" },
  { name: "edge/certificate-arn", output: "certificateArn", type: "String" },
  { name: "edge/alb-waf-acl-arn", output: "wafAclArn", type: "String" },
  { name: "iam/workload-role-arns/website", output: "workloadRoleArns.website", type: "String" },
  { name: "iam/addon-role-arns/external-secrets", output: "addOnRoleArns.externalSecrets", type: "String" },
  {
    name: "iam/addon-role-arns/aws-load-balancer-controller",
    output: "addOnRoleArns.loadBalancerController",
    type: "String",
  },
  { name: "iam/addon-role-arns/cluster-autoscaler", output: "addOnRoleArns.clusterAutoscaler", type: "String" },
  { name: "iam/addon-role-arns/argo-rollouts", output: "addOnRoleArns.argoRollouts", type: "String" },
  { name: "iam/db-migrate-role-arn", output: "dbMigrateRoleArn", type: "String" },
  { name: "iam/db-ops-role-arn", output: "dbOpsRoleArn", type: "String" },
  { name: "iam/restore-drill-role-arn", output: "restoreDrillRoleArn", type: "String" },
  { name: "storage/backup-bucket", output: "backupBucket", type: "String" },
  { name: "secrets/database", output: "secretNames.database", type: "String" },
  { name: "secrets/database-migrator", output: "secretNames.databaseMigrator", type: "String" },
  { name: "secrets/database-backup", output: "secretNames.databaseBackup", type: "String" },
  { name: "secrets/redis", output: "secretNames.redis", type: "String" },
  { name: "secrets/backup-gpg-public-key", output: "secretNames.backupGpgPublicKey", type: "String" },
  { name: "secrets/backup-gpg-private-key", output: "secretNames.backupGpgPrivateKey", type: "String" },
  { name: "secrets/alerting", output: "secretNames.alerting", type: "String" },
];

/** The SSM value of an output as terraform-ts publishes it: JSON, a comma-joined list, or the string. */
export function encodeParameter(spec: ParameterSpec, value: unknown): string {
  if (spec.json) return JSON.stringify(value);
  return Array.isArray(value) ? value.join(",") : String(value);
}
