import { DataAwsSecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { ElasticacheSubnetGroup } from "@cdktf/provider-aws/lib/elasticache-subnet-group";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Construct } from "constructs";
import { envResourceName } from "../config/naming";
import type { EnvConfig } from "../config/types";

const REDIS_PORT = 6379;

export interface RedisProps {
  readonly env: EnvConfig;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  readonly clientCidrs: readonly string[];
  readonly keyArn: string;
}

/** Redis with a replica in another AZ, encrypted in transit and at rest, behind an AUTH token. */
export class Redis extends Construct {
  public readonly replicationGroup: ElasticacheReplicationGroup;

  constructor(scope: Construct, id: string, props: RedisProps) {
    super(scope, id);
    const { env } = props;
    if (env.redis.cacheClusters < 2) {
      throw new Error(`env ${env.name}: redis.cacheClusters must be at least 2 for automatic failover`);
    }

    const subnetGroup = new ElasticacheSubnetGroup(this, "subnets", {
      name: envResourceName(env, "redis"),
      subnetIds: [...props.subnetIds],
    });
    const securityGroup = new SecurityGroup(this, "sg", {
      name: envResourceName(env, "redis"),
      description: "Redis from the EKS node subnets only",
      vpcId: props.vpcId,
      ingress: [
        {
          description: "Redis from the private subnets",
          protocol: "tcp",
          fromPort: REDIS_PORT,
          toPort: REDIS_PORT,
          cidrBlocks: [...props.clientCidrs],
        },
      ],
    });

    // Pre-created by an operator (README); the token reaches Terraform at plan time only.
    const authToken = new DataAwsSecretsmanagerSecretVersion(this, "auth-token", {
      secretId: env.redis.authTokenSecretName,
    });

    this.replicationGroup = new ElasticacheReplicationGroup(this, "group", {
      replicationGroupId: envResourceName(env),
      description: `Candlefish ${env.name} cache and sessions`,
      engine: "redis",
      engineVersion: env.redis.engineVersion,
      nodeType: env.redis.nodeType,
      port: REDIS_PORT,
      numCacheClusters: env.redis.cacheClusters,
      multiAzEnabled: true,
      automaticFailoverEnabled: true,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [securityGroup.id],
      atRestEncryptionEnabled: "true",
      kmsKeyId: props.keyArn,
      transitEncryptionEnabled: true,
      // "required": a client without TLS is refused, not silently downgraded.
      transitEncryptionMode: "required",
      authToken: authToken.secretString,
      authTokenUpdateStrategy: "ROTATE",
      autoMinorVersionUpgrade: "true",
      snapshotRetentionLimit: 7,
      snapshotWindow: "02:00-03:00",
      maintenanceWindow: "sun:05:30-sun:06:30",
      applyImmediately: false,
    });
  }
}
