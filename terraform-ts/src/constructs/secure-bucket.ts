import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketNotification } from "@cdktf/provider-aws/lib/s3-bucket-notification";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";

export interface StorageTransition {
  readonly days: number;
  readonly storageClass: "STANDARD_IA" | "INTELLIGENT_TIERING" | "GLACIER_IR" | "GLACIER" | "DEEP_ARCHIVE";
}

export interface SecureBucketProps {
  readonly bucketName: string;
  readonly provider?: AwsProvider;
  /**
   * SSE-KMS key; omit only for a bucket that receives S3 server access logs,
   * which S3 can deliver to SSE-S3 buckets only.
   */
  readonly kmsKeyArn?: string;
  /**
   * Where this bucket's access logs go (same region). The log bucket's policy must let the logging
   * service write under `prefix` before logging is turned on, hence the bucket itself, not its name.
   */
  readonly accessLogs?: { readonly bucket: SecureBucket; readonly prefix: string };
  readonly transitions: readonly StorageTransition[];
  /** Old versions are kept this long, so an overwrite or delete can be undone. */
  readonly noncurrentVersionDays: number;
  /** Current objects are deleted after this many days; omit to keep them. */
  readonly expirationDays?: number;
  /** "BucketOwnerPreferred" only where a log writer still needs ACLs (CloudFront standard logs). */
  readonly objectOwnership?: "BucketOwnerEnforced" | "BucketOwnerPreferred";
  readonly extraPolicyStatements?: readonly DataAwsIamPolicyDocumentStatement[];
}

/**
 * An S3 bucket with every guard on by default: no public access, encryption,
 * versioning, TLS-only access, lifecycle to cheaper classes, and change
 * events to EventBridge for detection.
 */
export class SecureBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly versioning: S3BucketVersioningA;
  public readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const provider = props.provider;
    this.bucket = new S3Bucket(this, "bucket", { provider, bucket: props.bucketName });
    const bucket = this.bucket.id;

    new S3BucketPublicAccessBlock(this, "public-access-block", {
      provider,
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", {
      provider,
      bucket,
      rule: { objectOwnership: props.objectOwnership ?? "BucketOwnerEnforced" },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      provider,
      bucket,
      rule: [
        {
          applyServerSideEncryptionByDefault:
            props.kmsKeyArn === undefined
              ? { sseAlgorithm: "AES256" }
              : { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyArn },
          // Bucket keys cut KMS request costs by ~99% for busy buckets.
          bucketKeyEnabled: props.kmsKeyArn !== undefined,
        },
      ],
    });
    this.versioning = new S3BucketVersioningA(this, "versioning", {
      provider,
      bucket,
      versioningConfiguration: { status: "Enabled" },
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      provider,
      bucket,
      rule: [
        {
          id: "tiering",
          status: "Enabled",
          filter: [{ prefix: "" }],
          transition: props.transitions.map((step) => ({ days: step.days, storageClass: step.storageClass })),
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays }],
          expiration: props.expirationDays === undefined ? undefined : [{ days: props.expirationDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [this.versioning],
    });
    if (props.accessLogs !== undefined) {
      new S3BucketLoggingA(this, "access-logs", {
        provider,
        bucket,
        targetBucket: props.accessLogs.bucket.name,
        targetPrefix: props.accessLogs.prefix,
        dependsOn: [props.accessLogs.bucket.policy],
      });
    }
    // EventBridge sees every object change, so deletions of backups can alarm.
    new S3BucketNotification(this, "events", { provider, bucket, eventbridge: true });

    const policy = new DataAwsIamPolicyDocument(this, "policy-document", {
      provider,
      statement: [
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          // {"AWS": "*"}, everyone, as aws-cdk's Bucket `enforceSSL` writes it (AnyPrincipal). The bare
          // "Principal": "*" means the same to S3, but moto's put_bucket_logging check
          // (FakeBucket._log_permissions_enabled_policy) calls .get() on it and answers HTTP 500.
          principals: [{ type: "AWS", identifiers: ["*"] }],
          actions: ["s3:*"],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
        ...(props.extraPolicyStatements ?? []),
      ],
    });
    this.policy = new S3BucketPolicy(this, "policy", { provider, bucket, policy: policy.json });
  }

  get name(): string {
    return this.bucket.bucket;
  }

  get arn(): string {
    return this.bucket.arn;
  }
}
