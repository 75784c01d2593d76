import { describe, expect, it } from "vitest";
import { dataSourcesOf, ENV_NAMES, onlyResource, referencedPath, resourcesOf, synthesizeEnv } from "./synthesized";

describe.each(ENV_NAMES)("%s encrypts data at rest and in transit", (envName) => {
  const stack = synthesizeEnv(envName);

  it("encrypts RDS storage with the env's data key", () => {
    const database = onlyResource(stack, "aws_db_instance");
    expect(database.storage_encrypted).toBe(true);
    expect(referencedPath(stack, database.kms_key_id)).toBe(`candlefish-${envName}/keys/data/key`);
    expect(referencedPath(stack, database.performance_insights_kms_key_id)).toBe(`candlefish-${envName}/keys/data/key`);
  });

  it("forces TLS for PostgreSQL clients with rds.force_ssl=1", () => {
    const parameters = onlyResource(stack, "aws_db_parameter_group").parameter as { name: string; value: string }[];
    expect(parameters).toContainEqual(expect.objectContaining({ name: "rds.force_ssl", value: "1" }));
  });

  it("encrypts Redis at rest with a customer key and in transit, refusing plaintext clients", () => {
    const redis = onlyResource(stack, "aws_elasticache_replication_group");
    expect(redis.at_rest_encryption_enabled).toBe("true");
    expect(referencedPath(stack, redis.kms_key_id)).toBe(`candlefish-${envName}/keys/data/key`);
    expect(redis.transit_encryption_enabled).toBe(true);
    expect(redis.transit_encryption_mode).toBe("required");
  });

  it("takes the Redis AUTH token from a pre-created secret, never from a literal", () => {
    const redis = onlyResource(stack, "aws_elasticache_replication_group");
    expect(redis.auth_token).toMatch(/^\$\{data\.aws_secretsmanager_secret_version\..+\.secret_string\}$/);
    const [tokenSecret] = dataSourcesOf(stack, "aws_secretsmanager_secret_version");
    expect(tokenSecret.secret_id).toBe(`candlefish/${envName}/redis-auth-token`);
  });

  it("envelope-encrypts Kubernetes Secrets with the EKS secrets key", () => {
    const cluster = onlyResource(stack, "aws_eks_cluster");
    const encryption = cluster.encryption_config as { resources: string[]; provider: { key_arn: string } };
    expect(encryption.resources).toEqual(["secrets"]);
    expect(referencedPath(stack, encryption.provider.key_arn)).toBe(`candlefish-${envName}/keys/eks-secrets/key`);
  });

  it("encrypts the asset and backup buckets with SSE-KMS (and only the log bucket with SSE-S3, which S3 logging requires)", () => {
    const algorithms = resourcesOf(stack, "aws_s3_bucket_server_side_encryption_configuration").map((config) => {
      const [rule] = config.rule as { apply_server_side_encryption_by_default: { sse_algorithm: string } }[];
      return [config["//"]?.metadata?.path?.split("/")[2], rule.apply_server_side_encryption_by_default.sse_algorithm];
    });
    expect(Object.fromEntries(algorithms)).toEqual({
      logs: "AES256",
      assets: "aws:kms",
      backups: "aws:kms",
      "backups-replica": "aws:kms",
    });
  });

  it("rotates every customer-managed key yearly", () => {
    const keys = resourcesOf(stack, "aws_kms_key");
    expect(keys.length).toBeGreaterThanOrEqual(6);
    for (const key of keys) expect(key.enable_key_rotation).toBe(true);
  });

  it("encrypts every application secret with the app-secrets key and writes no secret value", () => {
    for (const secret of resourcesOf(stack, "aws_secretsmanager_secret")) {
      expect(referencedPath(stack, secret.kms_key_id)).toBe(`candlefish-${envName}/keys/app-secrets/key`);
    }
    expect(resourcesOf(stack, "aws_secretsmanager_secret_version")).toEqual([]);
  });

  it("serves viewers over TLS 1.2+ only (TLSv1.2_2021) and talks TLS 1.2 to the origin", () => {
    const distribution = onlyResource(stack, "aws_cloudfront_distribution");
    const certificate = distribution.viewer_certificate as Record<string, string>;
    expect(certificate.minimum_protocol_version).toBe("TLSv1.2_2021");
    expect(certificate.ssl_support_method).toBe("sni-only");
    const [origin] = distribution.origin as { custom_origin_config: Record<string, unknown> }[];
    expect(origin.custom_origin_config.origin_protocol_policy).toBe("https-only");
    expect(origin.custom_origin_config.origin_ssl_protocols).toEqual(["TLSv1.2"]);
    expect((distribution.default_cache_behavior as Record<string, string>).viewer_protocol_policy).toBe(
      "redirect-to-https",
    );
  });

  it("encrypts the ECR repository with KMS, scans on push and keeps tags immutable (production owns it)", () => {
    const repositories = resourcesOf(stack, "aws_ecr_repository");
    expect(repositories).toHaveLength(envName === "production" ? 1 : 0);
    for (const repository of repositories) {
      expect(repository).toMatchObject({
        name: "candlefish/website",
        image_tag_mutability: "IMMUTABLE",
        image_scanning_configuration: { scan_on_push: true },
      });
      const [encryption] = repository.encryption_configuration as { encryption_type: string; kms_key: string }[];
      expect(encryption.encryption_type).toBe("KMS");
      expect(referencedPath(stack, encryption.kms_key)).toBe(`candlefish-${envName}/keys/assets/key`);
    }
  });
});
