import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { accountRootArn, envResourceName } from "../config/naming";
import type { EnvConfig } from "../config/types";
import { EncryptionKey } from "../constructs/kms-key";

const ENVELOPE_ACTIONS = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"];

export interface EncryptionKeysProps {
  readonly env: EnvConfig;
  readonly drProvider: AwsProvider;
}

/** The env's customer-managed keys, one per kind of data. */
export class EncryptionKeys extends Construct {
  public readonly logs: EncryptionKey;
  public readonly kubernetesSecrets: EncryptionKey;
  public readonly data: EncryptionKey;
  public readonly appSecrets: EncryptionKey;
  public readonly assets: EncryptionKey;
  public readonly backups: EncryptionKey;
  public readonly drBackups: EncryptionKey;
  public readonly drAppSecrets: EncryptionKey;

  constructor(scope: Construct, id: string, props: EncryptionKeysProps) {
    super(scope, id);
    const { env } = props;
    const key = (
      keyId: string,
      description: string,
      extra: Partial<ConstructorParameters<typeof EncryptionKey>[2]> = {},
    ) =>
      new EncryptionKey(this, keyId, {
        alias: envResourceName(env, keyId),
        description: `Candlefish ${env.name}: ${description}`,
        accountRootArn: accountRootArn(env),
        ...extra,
      });

    // CloudWatch Logs encrypts as itself, so the service needs the key, not an IAM role.
    this.logs = key("logs", "CloudWatch log groups (VPC flow logs, EKS control plane, WAF)", {
      serviceUsers: [{ servicePrincipal: `logs.${env.region}.amazonaws.com`, actions: ENVELOPE_ACTIONS }],
    });
    this.kubernetesSecrets = key("eks-secrets", "EKS envelope encryption of Kubernetes Secrets");
    this.data = key("data", "RDS storage, Performance Insights, ElastiCache");
    this.appSecrets = key("app-secrets", "Secrets Manager secrets of the application");
    this.assets = key("assets", "static assets bucket and container images");
    this.backups = key("backups", "database backups bucket");
    this.drBackups = key("dr-backups", "replicated database backups in the DR region", { provider: props.drProvider });
    this.drAppSecrets = key("dr-app-secrets", "replicas of the secrets a restore in the DR region needs", {
      provider: props.drProvider,
    });
  }
}
