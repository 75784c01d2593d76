import { describe, expect, it } from "vitest";
import { SSM_PARAMETERS } from "../../src/ssm/parameters";
import { ENV_NAMES, resourcesOf, synthesizeEnv } from "./synthesized";

describe.each(ENV_NAMES)("%s publishes the SSM outputs contract (src/ssm/parameters.ts)", (envName) => {
  const stack = synthesizeEnv(envName);
  const published = resourcesOf(stack, "aws_ssm_parameter");
  const byName = new Map(published.map((parameter) => [String(parameter.name), parameter]));
  const valueOf = (name: string) => String(byName.get(`/candlefish/${envName}/${name}`)?.value);

  it("publishes exactly the contract's parameters, no more and no fewer, with the contract's types", () => {
    const actual = published.map((parameter) => ({ name: parameter.name, type: parameter.type })).sort((a, b) =>
      String(a.name).localeCompare(String(b.name)),
    );
    const expected = SSM_PARAMETERS.map((spec) => ({ name: `/candlefish/${envName}/${spec.name}`, type: spec.type })).sort(
      (a, b) => a.name.localeCompare(b.name),
    );
    expect(actual).toEqual(expected);
  });

  it("joins the subnet CIDR lists with commas from the subnets themselves", () => {
    for (const tier of ["public", "private", "data"]) {
      const references = valueOf(`network/${tier}-subnet-cidrs`).split(",");
      expect(references).toEqual([0, 1, 2].map((index) => expect.stringMatching(new RegExp(`^\\$\\{aws_subnet\\.network_${tier}-${index}_.*\\.cidr_block\\}$`))));
    }
  });

  it("maps each String parameter to the resource attribute it describes", () => {
    expect(valueOf("region")).toBe("us-east-1");
    expect(valueOf("eks/cluster-name")).toMatch(/^\$\{aws_eks_cluster\..*\.name\}$/);
    expect(valueOf("network/vpc-id")).toMatch(/^\$\{aws_vpc\..*\.id\}$/);
    expect(valueOf("network/vpc-cidr")).toMatch(/^\$\{aws_vpc\..*\.cidr_block\}$/);
    // The validated ARN, so the GitOps side never gets a certificate that is still pending.
    expect(valueOf("edge/certificate-arn")).toMatch(/^\$\{aws_acm_certificate_validation\..*\.certificate_arn\}$/);
    expect(valueOf("edge/alb-waf-acl-arn")).toMatch(/^\$\{aws_wafv2_web_acl\.waf-alb_.*\.arn\}$/);
    expect(valueOf("iam/workload-role-arns/website")).toMatch(/^\$\{aws_iam_role\.irsa_website_role_.*\.arn\}$/);
    expect(valueOf("iam/addon-role-arns/external-secrets")).toMatch(/irsa_external-secrets_role_.*\.arn/);
    expect(valueOf("iam/addon-role-arns/aws-load-balancer-controller")).toMatch(/irsa_aws-load-balancer-controller_role_.*\.arn/);
    expect(valueOf("iam/addon-role-arns/cluster-autoscaler")).toMatch(/irsa_cluster-autoscaler_role_.*\.arn/);
    expect(valueOf("iam/db-ops-role-arn")).toMatch(/irsa_db-ops_role_.*\.arn/);
    expect(valueOf("storage/backup-bucket")).toMatch(/^\$\{aws_s3_bucket\.storage_backups_bucket_.*\.bucket\}$/);
  });

  it("publishes the secret NAMES, never their values", () => {
    for (const secret of ["database", "redis", "backup-gpg-public-key", "backup-gpg-private-key"]) {
      expect(valueOf(`secrets/${secret}`)).toMatch(new RegExp(`^\\$\\{aws_secretsmanager_secret\\.secrets_${secret}_.*\\.name\\}$`));
    }
    const secretNames = resourcesOf(stack, "aws_secretsmanager_secret").map((secret) => secret.name);
    expect(secretNames).toEqual([
      `candlefish/${envName}/database`,
      `candlefish/${envName}/redis`,
      `candlefish/${envName}/backup-gpg-public-key`,
      `candlefish/${envName}/backup-gpg-private-key`,
    ]);
  });
});
