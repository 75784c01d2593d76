import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SSM_PARAMETERS } from "../../src/ssm/parameters";
import { ENV_NAMES, resourcesOf, synthesizeEnv } from "./synthesized";

describe.each(ENV_NAMES)("%s publishes the SSM outputs contract (src/ssm/parameters.ts)", (envName) => {
  const stack = synthesizeEnv(envName);
  const published = resourcesOf(stack, "aws_ssm_parameter");
  const byName = new Map(published.map((parameter) => [String(parameter.name), parameter]));
  const parameterValue = (name: string) => String(byName.get(`/candlefish/${envName}/${name}`)?.value);

  it("publishes exactly the contract's parameters, no more and no fewer, with the contract's types", () => {
    const actual = published
      .map((parameter) => ({ name: parameter.name, type: parameter.type }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    const expected = SSM_PARAMETERS.map((spec) => ({
      name: `/candlefish/${envName}/${spec.name}`,
      type: spec.type,
    })).sort((a, b) => a.name.localeCompare(b.name));
    expect(actual).toEqual(expected);
  });

  it("joins the subnet CIDR lists with commas from the subnets themselves", () => {
    for (const tier of ["public", "private", "data"]) {
      const references = parameterValue(`network/${tier}-subnet-cidrs`).split(",");
      expect(references).toEqual(
        [0, 1, 2].map((index) =>
          expect.stringMatching(new RegExp(`^\\$\\{aws_subnet\\.network_${tier}-${index}_.*\\.cidr_block\\}$`)),
        ),
      );
    }
  });

  it("maps each String parameter to the resource attribute it describes", () => {
    expect(parameterValue("region")).toBe("us-east-1");
    expect(parameterValue("account-id")).toBe("123456789012");
    expect(parameterValue("eks/cluster-name")).toMatch(/^\$\{aws_eks_cluster\..*\.name\}$/);
    expect(parameterValue("network/vpc-id")).toMatch(/^\$\{aws_vpc\..*\.id\}$/);
    expect(parameterValue("network/vpc-cidr")).toMatch(/^\$\{aws_vpc\..*\.cidr_block\}$/);
    // The validated ARN, so the GitOps side never gets a certificate that is still pending.
    expect(parameterValue("edge/certificate-arn")).toMatch(
      /^\$\{aws_acm_certificate_validation\..*\.certificate_arn\}$/,
    );
    expect(parameterValue("edge/alb-waf-acl-arn")).toMatch(/^\$\{aws_wafv2_web_acl\.waf-alb_.*\.arn\}$/);
    expect(parameterValue("iam/workload-role-arns/website")).toMatch(/^\$\{aws_iam_role\.irsa_website_role_.*\.arn\}$/);
    expect(parameterValue("iam/addon-role-arns/external-secrets")).toMatch(/irsa_external-secrets_role_.*\.arn/);
    expect(parameterValue("iam/addon-role-arns/aws-load-balancer-controller")).toMatch(
      /irsa_aws-load-balancer-controller_role_.*\.arn/,
    );
    expect(parameterValue("iam/addon-role-arns/cluster-autoscaler")).toMatch(/irsa_cluster-autoscaler_role_.*\.arn/);
    expect(parameterValue("iam/addon-role-arns/argo-rollouts")).toMatch(/irsa_argo-rollouts_role_.*\.arn/);
    expect(parameterValue("network/alb-security-group-id")).toMatch(
      /^\$\{aws_security_group\.alb-origin_group_.*\.id\}$/,
    );
    expect(parameterValue("iam/db-migrate-role-arn")).toMatch(/irsa_db-migrate_role_.*\.arn/);
    expect(parameterValue("iam/db-ops-role-arn")).toMatch(/irsa_db-ops_role_.*\.arn/);
    expect(parameterValue("iam/restore-drill-role-arn")).toMatch(/irsa_db-restore-drill_role_.*\.arn/);
    expect(parameterValue("storage/backup-bucket")).toMatch(/^\$\{aws_s3_bucket\.storage_backups_bucket_.*\.bucket\}$/);
  });

  it("publishes the node groups, one per zone, and what each instance type gives pods, as the committed outputs hold them", () => {
    const committed = JSON.parse(readFileSync(`${__dirname}/../../src/env/outputs/${envName}.json`, "utf8"));
    const published = JSON.parse(parameterValue("eks/node-groups"));
    expect(published).toEqual(committed.nodes);
    // EKS AMI reservations for a 2-vCPU, 17-pod t3.medium: 60 + 10 millicores; 11 x 17 + 255 + 100 MiB eviction.
    expect(published.instanceTypes["t3.medium"]).toEqual({
      cpuMillis: 2000,
      memoryMib: 3891,
      maxPods: 17,
      reservedCpuMillis: 70,
      reservedMemoryMib: 542,
    });
  });

  it("publishes the secret NAMES, never their values", () => {
    const secrets = ["database", "database-migrator", "database-backup", "redis"];
    for (const secret of [...secrets, "backup-gpg-public-key", "backup-gpg-private-key", "alerting"]) {
      expect(parameterValue(`secrets/${secret}`)).toMatch(
        new RegExp(`^\\$\\{aws_secretsmanager_secret\\.secrets_${secret}_.*\\.name\\}$`),
      );
    }
    const secretNames = resourcesOf(stack, "aws_secretsmanager_secret").map((secret) => String(secret.name));
    expect(secretNames.sort()).toEqual([
      `candlefish/${envName}/alerting`,
      `candlefish/${envName}/backup-gpg-private-key`,
      `candlefish/${envName}/backup-gpg-public-key`,
      `candlefish/${envName}/database`,
      `candlefish/${envName}/database-backup`,
      `candlefish/${envName}/database-migrator`,
      `candlefish/${envName}/redis`,
    ]);
  });
});
