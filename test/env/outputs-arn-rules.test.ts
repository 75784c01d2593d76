import { describe, expect, it } from "vitest";
import { parseEnvConfig } from "../../src/env";
import { inputOf, setAt } from "../support/fixtures";

/** GIVEN production's config with one infra output changed, WHEN it is parsed: the problems, or none. */
function problemsWith(path: string[], value: unknown): string {
  const input = inputOf("production");
  setAt(input, ["infra", ...path], value);
  try {
    parseEnvConfig("production", input);
    return "";
  } catch (error) {
    return String(error);
  }
}

const OTHER_ACCOUNT = "999999999999";

describe("every ARN of the infra outputs is checked, wherever the contract puts it", () => {
  it.each([
    "dbMigrateRoleArn",
    "restoreDrillRoleArn",
    "addOnRoleArns.argoRollouts",
    "addOnRoleArns.externalSecrets",
    "workloadRoleArns.website",
  ])("refuses infra.%s of another account", (field) => {
    const path = field.split(".");
    const arn = `arn:aws:iam::${OTHER_ACCOUNT}:role/candlefish-production-x`;
    expect(problemsWith(path, arn)).toContain(
      `env production: infra.${path.join(".")}: must be in accountId = 123456789012 (this ARN's account is ${OTHER_ACCOUNT})`,
    );
  });

  it("refuses a WAF ACL of another region, not an IAM role (IAM is global)", () => {
    const waf = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/candlefish/00000000-0000-0000-0000-000000000000";
    expect(problemsWith(["wafAclArn"], waf)).toContain(
      "env production: infra.wafAclArn: must be in region = us-east-1 (this wafv2 ARN's region is eu-west-1)",
    );
    expect(problemsWith(["dbMigrateRoleArn"], "arn:aws:iam::123456789012:role/candlefish-production-db-migrate")).toBe(
      "",
    );
  });

  it("leaves values that are no ARN alone", () => {
    expect(problemsWith(["backupBucket"], "candlefish-production-backups-arn")).toBe("");
  });

  it.each(["12345", "1234567890123", "x123456789012"])(
    "checks ARNs only once the account id itself is valid (%s: one problem, the schema's)",
    (accountId) => {
      const problems = problemsWith(["accountId"], accountId);
      expect(problems).toContain("infra.accountId: must be a 12-digit AWS account id");
      expect(problems).not.toContain("must be in accountId");
    },
  );

  it("leaves an ARN of another partition to the field schema (one problem, not three)", () => {
    const problems = problemsWith(["dbMigrateRoleArn"], "arn:aws-cn:iam::999999999999:role/x");
    expect(problems).toContain("infra.dbMigrateRoleArn: must be an ARN of the form arn:aws:iam:");
    expect(problems).not.toContain("must be in accountId");
  });

  it("names an empty region of a regional service", () => {
    const arn = "arn:aws:acm::123456789012:certificate/00000000-0000-0000-0000-000000000000";
    expect(problemsWith(["certificateArn"], arn)).toContain(
      "infra.certificateArn: must be in region = us-east-1 (this acm ARN's region is empty)",
    );
  });
});

describe("subnets against the VPC", () => {
  it("counts a subnet as large as the VPC as inside it; it overlaps every other subnet instead", () => {
    const problems = problemsWith(["publicSubnetCidrs", "0"], "10.0.0.0/16");
    expect(problems).not.toContain("must lie inside vpcCidr");
    expect(problems).toContain("must not overlap publicSubnetCidrs.0 = 10.0.0.0/16");
  });

  it("counts a subnet larger than the VPC as outside it", () => {
    expect(problemsWith(["publicSubnetCidrs", "0"], "10.0.0.0/15")).toContain(
      "infra.publicSubnetCidrs.0: must lie inside vpcCidr = 10.0.0.0/16 (10.0.0.0/15 does not)",
    );
  });
});
