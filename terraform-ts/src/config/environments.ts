import type { EnvConfig, EnvName } from "./types";

/**
 * The one place where the environments differ. Account ids, bucket names and
 * CIDRs are placeholders (123456789012, *-example) until the real accounts
 * exist; the CIDRs and names match src/env/outputs/<env>.json.
 */

const ACCOUNT_ID = "123456789012";
const AVAILABILITY_ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"] as const;
const EKS_VERSION = "1.34";
/** Documentation range (RFC 5737) as a stand-in for the office / CI egress addresses. */
const ADMIN_CIDRS = ["203.0.113.0/24"] as const;

/**
 * Sizes per zone: each group becomes one managed node group per availability zone (EksNodeGroups), so
 * cluster-autoscaler can grow the zones that survive an outage. On-demand carries the floor of one node per
 * zone, so the floor survives a spot reclaim; spot starts at 0 and carries the rest (cluster-autoscaler
 * scales a managed node group up from zero). Every type in a group has the same vCPUs and memory:
 * cluster-autoscaler models a group by one node shape. At max: 3 x (2 + 3) = 15 nodes; the GitOps side
 * proves its release peak fits them, also with one zone lost (docs/capacity.md).
 */
const nodeGroups = {
  "on-demand": { capacityType: "ON_DEMAND", instanceTypes: ["t3.medium"], minSize: 1, maxSize: 2, desiredSize: 1 },
  spot: { capacityType: "SPOT", instanceTypes: ["t3.medium", "t3a.medium"], minSize: 0, maxSize: 3, desiredSize: 0 },
} as const;

const shared = {
  accountId: ACCOUNT_ID,
  region: "us-east-1",
  drRegion: "us-west-2",
  availabilityZones: AVAILABILITY_ZONES,
} as const;

export const staging: EnvConfig = {
  ...shared,
  name: "staging",
  namespace: "candlefish-staging",
  network: {
    vpcCidr: "10.1.0.0/16",
    publicSubnetCidrs: ["10.1.0.0/24", "10.1.1.0/24", "10.1.2.0/24"],
    privateSubnetCidrs: ["10.1.10.0/24", "10.1.11.0/24", "10.1.12.0/24"],
    dataSubnetCidrs: ["10.1.20.0/24", "10.1.21.0/24", "10.1.22.0/24"],
    natGateways: "single",
  },
  eks: { version: EKS_VERSION, publicAccessCidrs: ADMIN_CIDRS, nodeGroups },
  database: {
    engineVersion: "17",
    parameterGroupFamily: "postgres17",
    instanceClass: "db.t4g.medium",
    allocatedStorageGb: 20,
    maxAllocatedStorageGb: 100,
    backupRetentionDays: 7,
  },
  redis: {
    engineVersion: "7.1",
    nodeType: "cache.t4g.small",
    cacheClusters: 2,
    authTokenSecretName: "candlefish/staging/redis-auth-token",
  },
  edge: {
    domain: "staging.candlefish.ai",
    alternativeNames: ["*.staging.candlefish.ai"],
    hostedZone: { mode: "lookup", name: "candlefish.ai" },
    originDomainName: "origin.staging.candlefish.ai",
    rateLimitPerFiveMinutes: 1000,
  },
  storage: {
    assetsBucket: "candlefish-staging-assets-example",
    backupsBucket: "candlefish-staging-db-backups-example",
    backupsReplicaBucket: "candlefish-staging-db-backups-replica-example",
    logsBucket: "candlefish-staging-logs-example",
    ownsContainerRegistry: false,
  },
  cost: {
    monthlyBudgetUsd: 500,
    notificationEmails: ["finops@example.com"],
    owner: "platform",
    costCentre: "cc-1234",
    activatesCostAllocationTags: false,
  },
  remoteState: {
    bucket: "candlefish-terraform-state-example",
    key: "staging/terraform.tfstate",
    region: "us-east-1",
  },
};

export const production: EnvConfig = {
  ...shared,
  name: "production",
  namespace: "candlefish-production",
  network: {
    vpcCidr: "10.0.0.0/16",
    publicSubnetCidrs: ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"],
    privateSubnetCidrs: ["10.0.10.0/24", "10.0.11.0/24", "10.0.12.0/24"],
    dataSubnetCidrs: ["10.0.20.0/24", "10.0.21.0/24", "10.0.22.0/24"],
    natGateways: "per-az",
  },
  eks: { version: EKS_VERSION, publicAccessCidrs: ADMIN_CIDRS, nodeGroups },
  database: {
    engineVersion: "17",
    parameterGroupFamily: "postgres17",
    instanceClass: "db.r6g.large",
    allocatedStorageGb: 100,
    maxAllocatedStorageGb: 500,
    backupRetentionDays: 35,
  },
  redis: {
    engineVersion: "7.1",
    nodeType: "cache.r7g.large",
    cacheClusters: 3,
    authTokenSecretName: "candlefish/production/redis-auth-token",
  },
  edge: {
    domain: "candlefish.ai",
    alternativeNames: ["*.candlefish.ai"],
    hostedZone: { mode: "lookup", name: "candlefish.ai" },
    originDomainName: "origin.candlefish.ai",
    rateLimitPerFiveMinutes: 2000,
  },
  storage: {
    assetsBucket: "candlefish-production-assets-example",
    backupsBucket: "candlefish-production-db-backups-example",
    backupsReplicaBucket: "candlefish-production-db-backups-replica-example",
    logsBucket: "candlefish-production-logs-example",
    ownsContainerRegistry: true,
  },
  cost: {
    monthlyBudgetUsd: 2500,
    notificationEmails: ["finops@example.com"],
    owner: "platform",
    costCentre: "cc-1234",
    // Production is applied first (it also owns ECR), so it turns the account's cost allocation tags on.
    activatesCostAllocationTags: true,
  },
  remoteState: {
    bucket: "candlefish-terraform-state-example",
    key: "production/terraform.tfstate",
    region: "us-east-1",
  },
};

export const ENVIRONMENTS: Readonly<Record<EnvName, EnvConfig>> = { staging, production };
