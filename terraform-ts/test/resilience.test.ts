import { describe, expect, it } from "vitest";
import { ENVIRONMENTS } from "../src/config/environments";
import { ENV_NAMES, onlyResource, resourcesOf, synthesizeEnv } from "./synthesized";

describe.each(ENV_NAMES)("%s survives the loss of an AZ and keeps recoverable backups", (envName) => {
  const stack = synthesizeEnv(envName);
  const env = ENVIRONMENTS[envName];

  it("spreads each subnet tier over us-east-1a, b and c", () => {
    const subnets = resourcesOf(stack, "aws_subnet");
    expect(subnets).toHaveLength(9);
    for (const tier of ["public", "private", "data"]) {
      const zones = subnets
        .filter((subnet) => (subnet.tags as Record<string, string>).tier === tier)
        .map((s) => s.availability_zone);
      expect(zones).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
    }
  });

  it(`runs ${envName === "production" ? "a NAT gateway per AZ" : "a single NAT gateway"}`, () => {
    expect(resourcesOf(stack, "aws_nat_gateway")).toHaveLength(envName === "production" ? 3 : 1);
  });

  it("runs PostgreSQL Multi-AZ with the env's point-in-time recovery window", () => {
    const database = onlyResource(stack, "aws_db_instance");
    expect(database.multi_az).toBe(true);
    expect(database.backup_retention_period).toBe(envName === "production" ? 35 : 7);
  });

  it("copies automated RDS backups to us-west-2 through the DR provider", () => {
    const replication = onlyResource(stack, "aws_db_instance_automated_backups_replication");
    expect(replication.provider).toBe("aws.dr");
    expect(replication.retention_period).toBe(env.database.backupRetentionDays);
    const drProvider = stack.provider.aws.find((provider) => provider.alias === "dr");
    expect(drProvider?.region).toBe("us-west-2");
  });

  it("runs Redis with a replica in another AZ and automatic failover", () => {
    const redis = onlyResource(stack, "aws_elasticache_replication_group");
    expect(redis.multi_az_enabled).toBe(true);
    expect(redis.automatic_failover_enabled).toBe(true);
    expect(redis.num_cache_clusters).toBeGreaterThanOrEqual(2);
  });

  it("replicates the backups bucket to a bucket in us-west-2, keeping DR copies when the source is deleted", () => {
    const replication = onlyResource(stack, "aws_s3_bucket_replication_configuration");
    const [rule] = replication.rule as Record<string, { status?: string; bucket?: string }>[];
    expect(rule.delete_marker_replication).toEqual({ status: "Disabled" });
    expect(rule.destination.bucket).toMatch(/storage_backups-replica_bucket_.*\.arn/);
    const replica = Object.values(stack.resource.aws_s3_bucket).find(
      (bucket) => bucket.bucket === env.storage.backupsReplicaBucket,
    );
    expect(replica?.provider).toBe("aws.dr");
  });

  it("runs EKS 1.34 with one on-demand group per zone carrying a 1-node floor each and one spot group per zone from 0", () => {
    expect(onlyResource(stack, "aws_eks_cluster").version).toBe("1.34");
    const groups = resourcesOf(stack, "aws_eks_node_group");
    const row = (group: (typeof groups)[number]) => [
      group.node_group_name,
      group.capacity_type,
      group.instance_types,
      group.scaling_config,
      (group.subnet_ids as string[]).map((id) => /network_private-(\d)_/.exec(id)?.[1]),
    ];
    const zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
    expect(groups.map(row)).toEqual([
      ...zones.map((zone, index) => [
        `on-demand-${zone}`,
        "ON_DEMAND",
        ["t3.medium"],
        { min_size: 1, max_size: 2, desired_size: 1 },
        [String(index)],
      ]),
      ...zones.map((zone, index) => [
        `spot-${zone}`,
        "SPOT",
        ["t3.medium", "t3a.medium"],
        { min_size: 0, max_size: 3, desired_size: 0 },
        [String(index)],
      ]),
    ]);
    const floor = groups.reduce((sum, group) => sum + (group.scaling_config as { min_size: number }).min_size, 0);
    expect(floor).toBe(3);
  });

  it("stays on standard support: EKS upgrades the control plane instead of billing extended support", () => {
    expect(onlyResource(stack, "aws_eks_cluster").upgrade_policy).toEqual({ support_type: "STANDARD" });
  });

  it("replicates the database and GPG private key secrets to us-west-2, encrypted with a key there", () => {
    const replicated = Object.fromEntries(
      resourcesOf(stack, "aws_secretsmanager_secret").map((secret) => [secret.name, secret.replica]),
    );
    const inDr = [
      { region: "us-west-2", kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.keys_dr-app-secrets_key_/) },
    ];
    expect(replicated).toEqual({
      [`candlefish/${envName}/database`]: inDr,
      // The schema owner restores into a DR database; the read-only backup identity is made anew there.
      [`candlefish/${envName}/database-migrator`]: inDr,
      [`candlefish/${envName}/database-backup`]: undefined,
      [`candlefish/${envName}/alerting`]: undefined,
      [`candlefish/${envName}/backup-gpg-private-key`]: inDr,
      [`candlefish/${envName}/backup-gpg-public-key`]: undefined,
      [`candlefish/${envName}/redis`]: undefined,
    });
    const drKey = Object.values(stack.resource.aws_kms_key).find((key) =>
      key["//"]?.metadata?.path?.endsWith("keys/dr-app-secrets/key"),
    );
    expect(drKey?.provider).toBe("aws.dr");
  });

  it("keeps state in S3 per env with locking", () => {
    const backend = (stack.terraform.backend as { s3: Record<string, unknown> }).s3;
    expect(backend).toEqual({
      bucket: env.remoteState.bucket,
      key: `${envName}/terraform.tfstate`,
      region: "us-east-1",
      encrypt: true,
      use_lockfile: true,
    });
  });

  it("tags every resource with env, owner, cost-centre and managed-by through default_tags", () => {
    for (const provider of stack.provider.aws) {
      expect(provider.default_tags).toEqual([
        { tags: { env: envName, owner: "platform", "cost-centre": "cc-1234", "managed-by": "terraform-ts" } },
      ]);
    }
  });

  it("alerts finops at 80% of the forecast and 100% of the actual monthly cost", () => {
    const budget = onlyResource(stack, "aws_budgets_budget");
    expect(budget.time_unit).toBe("MONTHLY");
    expect(budget.notification).toEqual([
      expect.objectContaining({
        notification_type: "FORECASTED",
        threshold: 80,
        subscriber_email_addresses: ["finops@example.com"],
      }),
      expect.objectContaining({
        notification_type: "ACTUAL",
        threshold: 100,
        subscriber_email_addresses: ["finops@example.com"],
      }),
    ]);
  });
});
