import { z } from "zod";
import { nodesSchema } from "./nodes-schema";
import { outputsRules } from "./outputs-rules";

/** IPv4 CIDR such as 10.0.0.0/16, octets and prefix in range. */
const cidr = z
  .string()
  .regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/, "must be an IPv4 CIDR such as 10.0.0.0/16")
  .refine((value) => {
    const [address = "", prefix = ""] = value.split("/");
    return address.split(".").every((octet) => Number(octet) <= 255) && Number(prefix) <= 32;
  }, "must have octets up to 255 and a prefix up to 32");

const arn = (service: string, resource: string) =>
  z
    .string()
    .regex(
      new RegExp(`^arn:aws:${service}:[a-z0-9-]*:\\d{12}:${resource}$`),
      `must be an ARN of the form arn:aws:${service}:<region>:<account>:${resource.replace(/\\\\/g, "")}`,
    );

const roleArn = arn("iam", "role\\/[\\w+=,.@/-]+");

const secretName = z.string().regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, "must be a Secrets Manager secret name");

/**
 * What terraform-ts publishes to SSM and `resolve` writes to
 * src/env/outputs/<env>.json. Never a secret value: only names and ARNs.
 */
export const infraOutputsSchema = z
  .strictObject({
    region: z.string().regex(/^[a-z]{2}-[a-z]+-\d$/, "must be an AWS region such as us-east-1"),
    /** The AWS account the env runs in; every ARN below belongs to it. */
    accountId: z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id"),
    clusterName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, "must be an EKS cluster name"),
    /** The node groups at their sizes and what each instance type gives pods (src/env/capacity). */
    nodes: nodesSchema,
    vpcId: z.string().regex(/^vpc-[0-9a-f]{8,17}$/, "must be a VPC id such as vpc-0123456789abcdef0"),
    vpcCidr: cidr,
    /** Where both ALBs run (internet-facing and internal preview); their nodes reach pods from here (target-type ip). */
    publicSubnetCidrs: z.array(cidr).min(1, "must list at least one subnet"),
    /** Where nodes and pods run (the VPC CNI gives pods addresses here); no load balancer. */
    privateSubnetCidrs: z.array(cidr).min(1, "must list at least one subnet"),
    /** Where RDS PostgreSQL and ElastiCache Redis run. */
    dataSubnetCidrs: z.array(cidr).min(1, "must list at least one subnet"),
    /** The internet-facing ALB's security group: HTTPS from CloudFront's origin-facing prefix list only. */
    albSecurityGroupId: z
      .string()
      .regex(/^sg-[0-9a-f]{8,17}$/, "must be a security group id such as sg-0123456789abcdef0"),
    certificateArn: arn("acm", "certificate\\/[0-9a-f-]{36}"),
    wafAclArn: arn("wafv2", "regional\\/webacl\\/[\\w-]+\\/[0-9a-f-]{36}"),
    /** IRSA role of each workload's ServiceAccount: reads that workload's own secrets. */
    workloadRoleArns: z.record(z.string(), roleArn),
    /** IRSA roles of the platform add-ons' controllers. */
    addOnRoleArns: z.strictObject({
      externalSecrets: roleArn,
      loadBalancerController: roleArn,
      clusterAutoscaler: roleArn,
      /** Reads the ALB's target health for blue/green target-group verification. */
      argoRollouts: roleArn,
    }),
    /** IRSA role of the migration Job: reads the migrator's database secret, nothing else. */
    dbMigrateRoleArn: roleArn,
    /** IRSA role of the backup jobs: the backup identity's secret, the GPG public key, writes to the bucket. */
    dbOpsRoleArn: roleArn,
    /** IRSA role of the restore drill: the GPG private key and read access to the bucket; no database. */
    restoreDrillRoleArn: roleArn,
    backupBucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name"),
    /** Secrets Manager names the ExternalSecrets read; the values never leave AWS. */
    secretNames: z.strictObject({
      /** The website's database identity: reads and writes data, no DDL. */
      database: secretName,
      /** The migrator's: owns the schema. */
      databaseMigrator: secretName,
      /** The backup's: reads only. */
      databaseBackup: secretName,
      redis: secretName,
      backupGpgPublicKey: secretName,
      backupGpgPrivateKey: secretName,
      /** Alertmanager's receiver credentials (pager routing key, chat webhook URL). */
      alerting: secretName,
    }),
  })
  .superRefine(outputsRules);

export type InfraOutputs = z.output<typeof infraOutputsSchema>;
