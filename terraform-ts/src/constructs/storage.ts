import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3BucketReplicationConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-replication-configuration";
import { Construct } from "constructs";
import { envResourceName } from "../config/naming";
import type { EnvConfig } from "../config/types";
import { SecureBucket } from "./secure-bucket";

export interface StorageProps {
  readonly env: EnvConfig;
  readonly assetsKeyArn: string;
  readonly backupsKeyArn: string;
  readonly drBackupsKeyArn: string;
  readonly drProvider: AwsProvider;
}

/**
 * Buckets for logs, static assets and database backups. Backups are copied
 * to the DR region: a regional outage or a deleted bucket must not take the
 * only copy with it.
 */
export class Storage extends Construct {
  public readonly logs: SecureBucket;
  public readonly assets: SecureBucket;
  public readonly backups: SecureBucket;
  public readonly backupsReplica: SecureBucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const { env } = props;

    // Each source bucket may write its access logs under its own prefix only (aws:SourceArn, as the S3
    // user guide's "permissions for log delivery" recommends), and nothing else may.
    const accessLogSources = [
      { source: "assets", sid: "AccessLogsFromAssets", bucketName: env.storage.assetsBucket },
      { source: "backups", sid: "AccessLogsFromBackups", bucketName: env.storage.backupsBucket },
    ] as const;
    const accessLogsPrefix = (source: (typeof accessLogSources)[number]["source"]) => `s3/${source}/`;
    this.logs = new SecureBucket(this, "logs", {
      bucketName: env.storage.logsBucket,
      // S3 server access logs can only be delivered to SSE-S3 buckets.
      kmsKeyArn: undefined,
      // CloudFront standard logs are still written with an ACL grant.
      objectOwnership: "BucketOwnerPreferred",
      transitions: [
        { days: 30, storageClass: "STANDARD_IA" },
        { days: 90, storageClass: "GLACIER_IR" },
      ],
      noncurrentVersionDays: 30,
      expirationDays: 400,
      extraPolicyStatements: accessLogSources.map(({ source, sid, bucketName }) => ({
        sid,
        principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
        actions: ["s3:PutObject"],
        resources: [`arn:aws:s3:::${env.storage.logsBucket}/${accessLogsPrefix(source)}*`],
        condition: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [env.accountId] },
          { test: "ArnLike", variable: "aws:SourceArn", values: [`arn:aws:s3:::${bucketName}`] },
        ],
      })),
    });
    const accessLogs = (source: (typeof accessLogSources)[number]["source"]) => ({
      bucket: this.logs,
      prefix: accessLogsPrefix(source),
    });

    this.assets = new SecureBucket(this, "assets", {
      bucketName: env.storage.assetsBucket,
      kmsKeyArn: props.assetsKeyArn,
      accessLogs: accessLogs("assets"),
      transitions: [{ days: 30, storageClass: "INTELLIGENT_TIERING" }],
      noncurrentVersionDays: 30,
    });

    this.backups = new SecureBucket(this, "backups", {
      bucketName: env.storage.backupsBucket,
      kmsKeyArn: props.backupsKeyArn,
      accessLogs: accessLogs("backups"),
      // Restores mostly use the last few days; older backups are kept for compliance.
      transitions: [
        { days: 30, storageClass: "STANDARD_IA" },
        { days: 90, storageClass: "GLACIER_IR" },
      ],
      noncurrentVersionDays: 90,
    });

    this.backupsReplica = new SecureBucket(this, "backups-replica", {
      provider: props.drProvider,
      bucketName: env.storage.backupsReplicaBucket,
      kmsKeyArn: props.drBackupsKeyArn,
      transitions: [{ days: 30, storageClass: "GLACIER_IR" }],
      noncurrentVersionDays: 90,
    });

    this.replicateBackups(env, props);
  }

  private replicateBackups(env: EnvConfig, props: StorageProps): void {
    const trust = new DataAwsIamPolicyDocument(this, "replication-trust", {
      statement: [
        { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["s3.amazonaws.com"] }] },
      ],
    });
    const role = new IamRole(this, "replication-role", {
      name: envResourceName(env, "backups-replication"),
      assumeRolePolicy: trust.json,
    });
    const source = this.backups.arn;
    const destination = this.backupsReplica.arn;
    const permissions = new DataAwsIamPolicyDocument(this, "replication-permissions", {
      statement: [
        { actions: ["s3:GetReplicationConfiguration", "s3:ListBucket"], resources: [source] },
        {
          actions: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
          resources: [`${source}/*`],
        },
        {
          actions: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
          resources: [`${destination}/*`],
        },
        { actions: ["kms:Decrypt"], resources: [props.backupsKeyArn] },
        { actions: ["kms:Encrypt", "kms:GenerateDataKey"], resources: [props.drBackupsKeyArn] },
      ],
    });
    new IamRolePolicy(this, "replication-policy", { role: role.id, policy: permissions.json });

    new S3BucketReplicationConfigurationA(this, "replication", {
      bucket: this.backups.bucket.id,
      role: role.arn,
      rule: [
        {
          id: "backups-to-dr-region",
          status: "Enabled",
          filter: {},
          // Deleting a backup in the primary must not delete the DR copy.
          deleteMarkerReplication: { status: "Disabled" },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
          destination: {
            bucket: destination,
            storageClass: "STANDARD_IA",
            encryptionConfiguration: { replicaKmsKeyId: props.drBackupsKeyArn },
          },
        },
      ],
      dependsOn: [this.backups.versioning, this.backupsReplica.versioning],
    });
  }
}
