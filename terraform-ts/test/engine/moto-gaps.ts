/**
 * THE list of resources the engine tests do not apply, each with why: every other resource of both stacks
 * is planned, applied, planned again (no changes) and destroyed against moto 5.2.5 (tools/
 * requirements-python.txt). The harness turns this list into `-target` flags for every OTHER resource
 * (Terraform 1.11 has no -exclude), and `engine-exclusions.test.ts` fails when an entry matches nothing or
 * when a resource that needs an excluded one is not listed itself, so nothing drops out silently.
 *
 * A "moto gap" is an AWS API moto does not implement or answers differently from AWS; the resource is
 * still planned (`terraform validate` and the full plan cover it), only not created. Entries name
 * construct paths below the stack (as checkov-skips.yaml does); `prefix/*` matches everything below.
 */
export interface EngineExclusion {
  readonly path: string;
  readonly reason: string;
}

export const MOTO_GAPS: readonly EngineExclusion[] = [
  {
    path: "postgres/dr-backups",
    reason:
      "moto gap: StartDBInstanceAutomatedBackupsReplication is not implemented (HTTP 500), and the provider " +
      "retries it until the apply is killed",
  },
  {
    path: "budget/monthly",
    reason:
      "moto gap: DescribeSubscribersForNotification is not implemented (HTTP 500); the provider reads the " +
      "subscribers back after CreateBudget and retries for minutes",
  },
  {
    path: "redis/group",
    reason:
      "moto gap: CreateReplicationGroup names member clusters that DescribeCacheClusters does not know (404); " +
      "the provider reads a member after creating the group, so the create fails and the group is tainted",
  },
  {
    path: "redis/subnets",
    reason:
      "moto gap: DeleteCacheSubnetGroup is not implemented (HTTP 500), so the destroy would retry for minutes " +
      "and keep the data subnets and the VPC",
  },
  {
    path: "cdn/security-headers",
    reason: "moto gap: CloudFront response headers policies are not implemented (404 on CreateResponseHeadersPolicy)",
  },
  { path: "cdn/distribution", reason: "needs cdn/security-headers (its response_headers_policy_id)" },
  { path: "cdn/alias-A", reason: "needs cdn/distribution (alias target)" },
  { path: "cdn/alias-AAAA", reason: "needs cdn/distribution (alias target)" },
  {
    path: "eks-admin/entry",
    reason: "moto gap: EKS access entries (CreateAccessEntry) are not implemented",
  },
  {
    path: "eks-admin/admin-policy",
    reason: "moto gap: EKS AssociateAccessPolicy is not implemented (and it needs eks-admin/entry)",
  },
  {
    path: "eks-add-ons/vpc-cni",
    reason:
      "moto gap: EKS add-ons are not implemented (moto/eks/urls.py routes no /clusters/<name>/addons, so CreateAddon " +
      "gets a 404); the add-on is planned and validated, its IRSA role is applied",
  },
  {
    path: "eks-add-ons/aws-ebs-csi-driver",
    reason: "moto gap: EKS add-ons are not implemented (as eks-add-ons/vpc-cni)",
  },
  {
    path: "cost-allocation-tags/*",
    reason: "moto gap: Cost Explorer's UpdateCostAllocationTagsStatus is not implemented (production only)",
  },
];

/**
 * Attributes moto does not give back as AWS does: applied like every other argument, then read back
 * different or missing, so a second plan would show a change (or, for ForceNew attributes, a replacement
 * cascading into everything that references the resource). The engine's override file adds them to the
 * resource's lifecycle.ignore_changes, so the second plan tests the convergence of everything else.
 */
export interface MotoRoundTripGap extends EngineExclusion {
  readonly attributes: readonly string[];
}

export const MOTO_ROUND_TRIP_GAPS: readonly MotoRoundTripGap[] = [
  {
    path: "alb-origin/https-from-cloudfront",
    attributes: ["description"],
    reason:
      "moto keeps a rule's description for CIDR and security-group sources only (ec2/models/security_groups.py): " +
      "a rule whose source is a prefix list reads back without it",
  },
  {
    path: "certificate/certificate",
    attributes: ["key_algorithm"],
    reason: "moto's ACM reports every certificate as RSA_2048 (the requested EC_prime256v1 is dropped); ForceNew",
  },
  {
    path: "postgres/instance",
    attributes: [
      "performance_insights_enabled",
      "performance_insights_kms_key_id",
      "performance_insights_retention_period",
    ],
    reason: "moto's RDS does not keep the Performance Insights settings",
  },
  {
    path: "postgres/parameters",
    attributes: ["parameter"],
    reason: "moto's DescribeDBParameters returns none of the parameters the group sets",
  },
  {
    path: "eks/cluster",
    attributes: ["access_config", "upgrade_policy"],
    reason:
      "moto's CreateCluster reads neither accessConfig nor upgradePolicy (eks/responses.py create_cluster); " +
      "bootstrap_cluster_creator_admin_permissions is ForceNew",
  },
  ...["nodes/on-demand-*", "nodes/spot-*"].map((path) => ({
    path,
    attributes: ["remote_access", "update_config"],
    reason:
      "moto's DescribeNodegroup invents remote_access (DEFAULT_REMOTE_ACCESS, ec2SshKey eksKeypair; ForceNew) " +
      "and leaves updateConfig out",
  })),
  {
    path: "nodes/launch-template",
    attributes: ["tag_specifications"],
    reason: "moto adds a launch-template entry to the version's TagSpecifications",
  },
  {
    path: "storage/*/events",
    attributes: ["eventbridge"],
    reason: "moto's GetBucketNotificationConfiguration leaves EventBridgeConfiguration out",
  },
  {
    path: "storage/replication",
    attributes: ["rule"],
    reason: "moto's GetBucketReplication drops the rule's SourceSelectionCriteria",
  },
  {
    path: "secrets/*",
    attributes: ["replica"],
    reason: "moto's DescribeSecret reports replicas under the default key (alias/aws/secretsmanager), not ours",
  },
];

/** Whether an entry names this construct path (`prefix/*` matches everything below the prefix). */
export function excludes(entry: EngineExclusion, path: string): boolean {
  if (!entry.path.includes("*")) return path === entry.path;
  const [head, tail] = entry.path.split("*");
  return path.startsWith(head) && path.endsWith(tail) && path.length >= head.length + tail.length;
}

/**
 * Deletes moto does not make idempotent where AWS does: the provider's SDK retries a request whose answer it
 * did not get (up to 25 attempts, aws-sdk-go-base), and moto answers the second DeleteVpcEndpoints of a gateway
 * endpoint with InvalidRoute.NotFound, because moto/ec2/models/vpcs.py delete_vpc_endpoints deletes the
 * endpoint's routes again on every call, also once the endpoint is "deleted". CI saw it once in the production
 * destroy. The endpoint is gone by then, so a second `terraform destroy` (what an operator does after a
 * transient error) refreshes it away and goes on; any other error fails the test at once.
 */
const MOTO_RETRIED_DELETE = /Error: deleting EC2 VPC Endpoint \(vpce-[0-9a-f]+\):[^\n]*InvalidRoute\.NotFound/;

/** Whether a failed destroy's output shows only moto's non-idempotent delete (so one re-run is fair). */
export function failedOnlyOnRetriedDelete(output: string): boolean {
  const errors = output.split("\n").filter((line) => line.startsWith("Error: "));
  return errors.length > 0 && errors.every((line) => MOTO_RETRIED_DELETE.test(line));
}
