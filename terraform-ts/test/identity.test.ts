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
  "db-migrate": `system:serviceaccount:candlefish-${envName}:db-migrate`,
  "db-ops": `system:serviceaccount:candlefish-${envName}:db-ops`,
  "db-restore-drill": `system:serviceaccount:candlefish-${envName}-restore-drill:db-restore-drill`,
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

  const permissionsOf = (roleId: string) => {
    const statements = policyAt(`irsa/${roleId}/permissions`).statement as { actions: string[]; resources: string[] }[];
    return (action: string) =>
      statements.filter((statement) => statement.actions.includes(action)).flatMap((statement) => statement.resources);
  };

  it("lets the migration Job read the migrator's database secret and nothing else", () => {
    const resourcesFor = permissionsOf("db-migrate");
    expect(resourcesFor("secretsmanager:GetSecretValue")).toEqual([
      expect.stringMatching(/secrets_database-migrator_/),
    ]);
    expect(resourcesFor("s3:GetObject")).toEqual([]);
  });

  it("lets db-ops (the backup) write backups with the bucket's key, read the backup role and the public key only", () => {
    const resourcesFor = permissionsOf("db-ops");
    expect(resourcesFor("s3:PutObject")).toEqual([expect.stringMatching(/storage_backups_bucket_.*\.arn\}\/\*$/)]);
    expect(resourcesFor("s3:GetObject")).toEqual([]);
    expect(resourcesFor("kms:GenerateDataKey")).toEqual([expect.stringMatching(/keys_backups_key_.*\.arn/)]);
    expect(resourcesFor("secretsmanager:GetSecretValue")).toEqual([
      expect.stringMatching(/secrets_database-backup_/),
      expect.stringMatching(/secrets_backup-gpg-public-key_/),
    ]);
  });

  it("lets the restore drill read backups and the private key, and no database secret", () => {
    const resourcesFor = permissionsOf("db-restore-drill");
    expect(resourcesFor("s3:GetObject")).toEqual([expect.stringMatching(/storage_backups_bucket_.*\.arn\}\/\*$/)]);
    expect(resourcesFor("s3:PutObject")).toEqual([]);
    expect(resourcesFor("kms:Decrypt")).toContainEqual(expect.stringMatching(/keys_backups_key_.*\.arn/));
    expect(resourcesFor("secretsmanager:GetSecretValue")).toEqual([
      expect.stringMatching(/secrets_backup-gpg-private-key_/),
    ]);
  });

  it("gives each database identity its own secret: no two roles read the same one", () => {
    const readers = ["website", "db-migrate", "db-ops", "db-restore-drill"].flatMap((roleId) =>
      permissionsOf(roleId)("secretsmanager:GetSecretValue"),
    );
    expect(new Set(readers).size).toBe(readers.length);
  });
});
