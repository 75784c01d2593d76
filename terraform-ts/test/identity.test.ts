import { describe, expect, it } from "vitest";
import { type Block, ENV_NAMES, synthesizeEnv } from "./synthesized";

interface Condition {
  test: string;
  variable: string;
  values: string[];
}

const expectedServiceAccounts = (envName: string) => ({
  website: `system:serviceaccount:candlefish-${envName}:website`,
  "external-secrets": "system:serviceaccount:external-secrets:external-secrets",
  "aws-load-balancer-controller": "system:serviceaccount:kube-system:aws-load-balancer-controller",
  "cluster-autoscaler": "system:serviceaccount:kube-system:cluster-autoscaler",
  "db-ops": `system:serviceaccount:candlefish-${envName}:db-ops`,
});

describe.each(ENV_NAMES)("%s IRSA roles", (envName) => {
  const stack = synthesizeEnv(envName);
  const policyAt = (path: string): Block => {
    const found = Object.values(stack.data.aws_iam_policy_document).find(
      (doc) => doc["//"]?.metadata?.path === `candlefish-${envName}/${path}`,
    );
    if (found === undefined) throw new Error(`no policy document at ${path}`);
    return found;
  };

  it.each(Object.entries(expectedServiceAccounts(envName)))(
    "lets only the %s ServiceAccount assume its role (sub and aud bound)",
    (roleId, subject) => {
      const [statement] = policyAt(`irsa/${roleId}/trust`).statement as { actions: string[]; condition: Condition[] }[];
      expect(statement.actions).toEqual(["sts:AssumeRoleWithWebIdentity"]);
      expect(statement.condition).toEqual([
        { test: "StringEquals", variable: expect.stringMatching(/:sub$/), values: [subject] },
        { test: "StringEquals", variable: expect.stringMatching(/:aud$/), values: ["sts.amazonaws.com"] },
      ]);
    },
  );

  it("names the roles as the GitOps outputs expect (candlefish-<env>-<role>)", () => {
    const names = Object.values(stack.resource.aws_iam_role).map((role) => role.name);
    for (const roleId of Object.keys(expectedServiceAccounts(envName))) {
      expect(names).toContain(`candlefish-${envName}-${roleId}`);
    }
  });

  it("lets the website read its database and redis secrets and nothing else", () => {
    const statements = policyAt("irsa/website/permissions").statement as { actions: string[]; resources: string[] }[];
    const secretRead = statements.find((statement) => statement.actions.includes("secretsmanager:GetSecretValue"));
    expect(secretRead?.resources).toEqual([
      expect.stringMatching(/secrets_database_.*\.arn/),
      expect.stringMatching(/secrets_redis_.*\.arn/),
    ]);
    expect(statements.flatMap((statement) => statement.resources).join()).not.toContain("*");
  });

  it("lets the External Secrets controller read Alertmanager's receiver secret, and no other", () => {
    const statements = policyAt("irsa/external-secrets/permissions").statement as {
      actions: string[];
      resources: string[];
    }[];
    const readable = statements
      .filter((statement) => statement.actions.includes("secretsmanager:GetSecretValue"))
      .flatMap((statement) => statement.resources);
    expect(readable).toEqual([expect.stringMatching(/secrets_alerting_/)]);
  });

  it("lets db-ops write and read the backup bucket, use its key, and read the GPG key secrets", () => {
    const statements = policyAt("irsa/db-ops/permissions").statement as { actions: string[]; resources: string[] }[];
    const resourcesFor = (action: string) =>
      statements.filter((statement) => statement.actions.includes(action)).flatMap((statement) => statement.resources);
    expect(resourcesFor("s3:PutObject")).toEqual([expect.stringMatching(/storage_backups_bucket_.*\.arn\}\/\*$/)]);
    expect(resourcesFor("s3:GetObject")).toEqual([expect.stringMatching(/storage_backups_bucket_.*\.arn\}\/\*$/)]);
    expect(resourcesFor("kms:GenerateDataKey")).toEqual([expect.stringMatching(/keys_backups_key_.*\.arn/)]);
    expect(resourcesFor("secretsmanager:GetSecretValue")).toEqual([
      expect.stringMatching(/secrets_database_/),
      expect.stringMatching(/secrets_backup-gpg-public-key_/),
      expect.stringMatching(/secrets_backup-gpg-private-key_/),
    ]);
  });
});
