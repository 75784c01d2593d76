import { Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { byPath, ENV_NAMES, onlyResource, resourcesOf, synthesizeEnv } from "./synthesized";

describe.each(ENV_NAMES)("%s exposes nothing by accident", (envName) => {
  const stack = synthesizeEnv(envName);

  it("blocks all public access on every bucket", () => {
    const blocks = resourcesOf(stack, "aws_s3_bucket_public_access_block");
    expect(blocks).toHaveLength(resourcesOf(stack, "aws_s3_bucket").length);
    for (const block of blocks) {
      expect(block).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
    }
  });

  it("versions every bucket and denies requests without TLS", () => {
    for (const versioning of resourcesOf(stack, "aws_s3_bucket_versioning")) {
      expect(versioning.versioning_configuration).toEqual({ status: "Enabled" });
    }
    const policies = Object.values(stack.data.aws_iam_policy_document ?? {}).filter((doc) =>
      doc["//"]?.metadata?.path?.endsWith("policy-document"),
    );
    expect(policies).toHaveLength(resourcesOf(stack, "aws_s3_bucket").length);
    for (const policy of policies) {
      expect(policy.statement).toContainEqual(
        expect.objectContaining({
          effect: "Deny",
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        }),
      );
    }
  });

  it("keeps the database private, in the data subnets, and protected from deletion", () => {
    expect(
      Testing.toHaveResourceWithProperties(stack.json, "aws_db_instance", {
        publicly_accessible: false,
        deletion_protection: true,
        skip_final_snapshot: false,
        manage_master_user_password: true,
      }),
    ).toBe(true);
    const subnetGroup = onlyResource(stack, "aws_db_subnet_group");
    expect(subnetGroup.subnet_ids).toEqual([0, 1, 2].map((index) => expect.stringContaining(`network_data-${index}_`)));
  });

  it("restricts the public EKS endpoint to the configured CIDRs and keeps the private one on", () => {
    const vpcConfig = onlyResource(stack, "aws_eks_cluster").vpc_config as Record<string, unknown>;
    expect(vpcConfig.endpoint_private_access).toBe(true);
    expect(vpcConfig.public_access_cidrs).toEqual(["203.0.113.0/24"]);
    expect(vpcConfig.public_access_cidrs).not.toContain("0.0.0.0/0");
  });

  it("logs every control-plane log type of EKS", () => {
    expect(onlyResource(stack, "aws_eks_cluster").enabled_cluster_log_types).toEqual([
      "api",
      "audit",
      "authenticator",
      "controllerManager",
      "scheduler",
    ]);
  });

  it("records all VPC traffic in flow logs", () => {
    expect(onlyResource(stack, "aws_flow_log").traffic_type).toBe("ALL");
  });

  it("requires IMDSv2 with a hop limit of 1 on the nodes, so pods cannot borrow the node role", () => {
    expect(onlyResource(stack, "aws_launch_template").metadata_options).toMatchObject({
      http_tokens: "required",
      http_put_response_hop_limit: 1,
    });
  });

  it("puts both WAF web ACLs (CloudFront and the ALB's regional one) in front with the managed rules", () => {
    const acls = resourcesOf(stack, "aws_wafv2_web_acl");
    expect(acls.map((acl) => acl.scope).sort()).toEqual(["CLOUDFRONT", "REGIONAL"]);
    for (const acl of acls) {
      const rules = acl.rule as { statement: Record<string, { name?: string; limit?: number }> }[];
      expect(rules.map((rule) => rule.statement.managed_rule_group_statement?.name).filter(Boolean)).toEqual([
        "AWSManagedRulesAmazonIpReputationList",
        "AWSManagedRulesCommonRuleSet",
        "AWSManagedRulesKnownBadInputsRuleSet",
      ]);
    }
    expect(resourcesOf(stack, "aws_wafv2_web_acl_logging_configuration")).toHaveLength(2);
  });

  it("rate-limits per viewer at CloudFront only: the regional ACL sees CloudFront's edge addresses, not viewers", () => {
    const rateRules = (scope: string) => {
      const acl = resourcesOf(stack, "aws_wafv2_web_acl").find((candidate) => candidate.scope === scope);
      const rules = (acl?.rule ?? []) as { statement: { rate_based_statement?: unknown } }[];
      return rules.map((rule) => rule.statement.rate_based_statement).filter(Boolean);
    };
    // IP at the CloudFront scope is the viewer's own address; never FORWARDED_IP, which reads X-Forwarded-For,
    // a header the client writes.
    expect(rateRules("CLOUDFRONT")).toEqual([{ limit: expect.any(Number), aggregate_key_type: "IP" }]);
    expect(rateRules("REGIONAL")).toEqual([]);
    expect(JSON.stringify(resourcesOf(stack, "aws_wafv2_web_acl"))).not.toContain("FORWARDED_IP");
  });

  it("lets only CloudFront reach the internet-facing ALB: HTTPS from the origin-facing prefix list, one rule", () => {
    const group = byPath(stack.resource, "aws_security_group", "alb-origin/group");
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
    const prefixList = byPath(stack.data, "aws_ec2_managed_prefix_list", "alb-origin/cloudfront-origin-facing");
    expect(prefixList.name).toBe("com.amazonaws.global.cloudfront.origin-facing");
    const rules = resourcesOf(stack, "aws_vpc_security_group_ingress_rule").filter((rule) =>
      String(rule.security_group_id).includes("alb-origin_group"),
    );
    // One reference: the list counts as its max entries (55) against the 60-rule quota, so there is no room for a second.
    expect(rules).toEqual([
      expect.objectContaining({
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        prefix_list_id: expect.stringMatching(
          /^\$\{data\.aws_ec2_managed_prefix_list\.alb-origin_cloudfront-origin-facing_.*\.id\}$/,
        ),
      }),
    ]);
    expect(JSON.stringify(rules)).not.toContain("0.0.0.0/0");
  });

  it("lets each bucket write its S3 access logs under its own prefix only, and turns logging on after that", () => {
    const logsPolicy = byPath(stack.data, "aws_iam_policy_document", "storage/logs/policy-document");
    const grants = (logsPolicy.statement as Record<string, unknown>[]).filter((statement) =>
      JSON.stringify(statement.principals).includes("logging.s3.amazonaws.com"),
    );
    expect(grants).toEqual(
      ["assets", "backups"].map((source) =>
        expect.objectContaining({
          actions: ["s3:PutObject"],
          resources: [`arn:aws:s3:::candlefish-${envName}-logs-example/s3/${source}/*`],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: ["123456789012"] },
            {
              test: "ArnLike",
              variable: "aws:SourceArn",
              values: [`arn:aws:s3:::candlefish-${envName}-${source === "assets" ? "assets" : "db-backups"}-example`],
            },
          ],
        }),
      ),
    );
    for (const logging of resourcesOf(stack, "aws_s3_bucket_logging")) {
      expect(logging.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\.storage_logs_policy_/)]);
    }
  });

  it("logs CloudFront access to the log bucket", () => {
    const logging = onlyResource(stack, "aws_cloudfront_distribution").logging_config as Record<string, string>;
    expect(logging.bucket).toMatch(/storage_logs_bucket_.*\.bucket_domain_name/);
  });
});
