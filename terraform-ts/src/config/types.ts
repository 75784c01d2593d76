/**
 * The shape of one environment's infrastructure. Every value a stack needs
 * comes from here, so the difference between staging and production is
 * readable in one file (environments.ts) instead of spread over constructs.
 */

/** Must match the env names of the GitOps side (src/env): the SSM paths join the two. */
export type EnvName = "staging" | "production";

export type AvailabilityZones = readonly [string, string, string];
export type SubnetCidrs = readonly [string, string, string];

export interface NetworkConfig {
  readonly vpcCidr: string;
  readonly publicSubnetCidrs: SubnetCidrs;
  readonly privateSubnetCidrs: SubnetCidrs;
  /** Isolated tier for RDS and Redis: no route to the internet at all. */
  readonly dataSubnetCidrs: SubnetCidrs;
  /** "per-az" survives the loss of an AZ; "single" trades that for ~2/3 of the NAT cost. */
  readonly natGateways: "per-az" | "single";
}

/** One managed node group per availability zone is made of this; the sizes are per zone. */
export interface NodeGroupConfig {
  readonly capacityType: "ON_DEMAND" | "SPOT";
  readonly instanceTypes: readonly string[];
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredSize: number;
}

export interface EksConfig {
  readonly version: string;
  /** Who may reach the public API endpoint (office / CI egress). Never 0.0.0.0/0. */
  readonly publicAccessCidrs: readonly string[];
  readonly nodeGroups: Readonly<Record<string, NodeGroupConfig>>;
}

export interface DatabaseConfig {
  readonly engineVersion: string;
  /** Parameter group family; must follow engineVersion's major. */
  readonly parameterGroupFamily: string;
  readonly instanceClass: string;
  readonly allocatedStorageGb: number;
  readonly maxAllocatedStorageGb: number;
  /** Point-in-time recovery window, in days (RDS allows 1–35). */
  readonly backupRetentionDays: number;
}

export interface RedisConfig {
  readonly engineVersion: string;
  readonly nodeType: string;
  /** Primary + replicas; at least 2 so that automatic failover has somewhere to go. */
  readonly cacheClusters: number;
  /**
   * Name of a Secrets Manager secret created out of band (see README) whose
   * SecretString is the Redis AUTH token. Read at plan time, never in code.
   */
  readonly authTokenSecretName: string;
}

export type HostedZoneConfig =
  /** The zone exists already (e.g. registered with the domain): look it up. */
  | { readonly mode: "lookup"; readonly name: string }
  /** This stack owns the zone; its NS records must be delegated from the parent by hand. */
  | { readonly mode: "create"; readonly name: string };

export interface EdgeConfig {
  readonly domain: string;
  readonly alternativeNames: readonly string[];
  readonly hostedZone: HostedZoneConfig;
  /**
   * DNS name CloudFront forwards to. The ALB itself is created by the
   * in-cluster AWS Load Balancer Controller, so Terraform cannot reference it.
   */
  readonly originDomainName: string;
  /**
   * Requests per 5 minutes per viewer before the CloudFront-scope WAF blocks it (the regional ACL has no
   * rate limit: behind CloudFront it sees edge addresses, not viewers).
   */
  readonly rateLimitPerFiveMinutes: number;
}

export interface StorageConfig {
  readonly assetsBucket: string;
  readonly backupsBucket: string;
  /** Second-region copy of the backups (us-west-2). */
  readonly backupsReplicaBucket: string;
  readonly logsBucket: string;
  /**
   * Only one env creates the ECR repository: staging and production pull the
   * same repository so the digest promoted to production is the one tested.
   */
  readonly ownsContainerRegistry: boolean;
}

export interface CostConfig {
  readonly monthlyBudgetUsd: number;
  readonly notificationEmails: readonly string[];
  readonly owner: string;
  readonly costCentre: string;
  /**
   * Cost allocation tags are account-wide: exactly one env of an account activates them (the `env` tag the
   * budgets filter on), or destroying one env would deactivate them for the other.
   */
  readonly activatesCostAllocationTags: boolean;
}

export interface RemoteStateConfig {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
}

export interface EnvConfig {
  readonly name: EnvName;
  /** Guards against applying one env's plan with another account's credentials. */
  readonly accountId: string;
  readonly region: string;
  /** Disaster-recovery region for backup copies. */
  readonly drRegion: string;
  readonly availabilityZones: AvailabilityZones;
  /** Kubernetes namespace of the env's workloads (matches src/env). */
  readonly namespace: string;
  readonly network: NetworkConfig;
  readonly eks: EksConfig;
  readonly database: DatabaseConfig;
  readonly redis: RedisConfig;
  readonly edge: EdgeConfig;
  readonly storage: StorageConfig;
  readonly cost: CostConfig;
  readonly remoteState: RemoteStateConfig;
}
