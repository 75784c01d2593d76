import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";

export interface ServiceKeyUser {
  /** e.g. "logs.us-east-1.amazonaws.com" */
  readonly servicePrincipal: string;
  readonly actions: readonly string[];
}

export interface EncryptionKeyProps {
  readonly alias: string;
  readonly description: string;
  readonly accountRootArn: string;
  /** AWS services that encrypt with the key themselves (not via an IAM principal's grant). */
  readonly serviceUsers?: readonly ServiceKeyUser[];
  /** Set for keys that live in the DR region. */
  readonly provider?: AwsProvider;
}

/**
 * A customer-managed key with rotation and an explicit key policy. One key
 * per concern, so revoking or auditing one kind of data never touches another.
 */
export class EncryptionKey extends Construct {
  public readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const policy = new DataAwsIamPolicyDocument(this, "policy", {
      provider: props.provider,
      statement: [
        {
          // The account administers the key through IAM; without this the key can become unmanageable.
          sid: "AccountAdministers",
          principals: [{ type: "AWS", identifiers: [props.accountRootArn] }],
          actions: ["kms:*"],
          resources: ["*"],
        },
        ...(props.serviceUsers ?? []).map((user, index) => ({
          sid: `ServiceUse${index}`,
          principals: [{ type: "Service", identifiers: [user.servicePrincipal] }],
          actions: [...user.actions],
          resources: ["*"],
        })),
      ],
    });
    this.key = new KmsKey(this, "key", {
      provider: props.provider,
      description: props.description,
      enableKeyRotation: true,
      // Gives time to notice and cancel an accidental deletion of everything encrypted with it.
      deletionWindowInDays: 30,
      policy: policy.json,
    });
    new KmsAlias(this, "alias", {
      provider: props.provider,
      name: `alias/${props.alias}`,
      targetKeyId: this.key.keyId,
    });
  }

  get arn(): string {
    return this.key.arn;
  }
}
