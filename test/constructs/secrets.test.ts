import { describe, expect, it } from "vitest";
import { configOf, find, type Manifest, manifestsOf } from "../support/fixtures";

const production = () => manifestsOf(configOf("production"));

describe("secrets from AWS Secrets Manager", () => {
  it("authenticates each SecretStore through a ServiceAccount's IRSA role", () => {
    const manifests = production();
    const store = find(manifests, "SecretStore", "website");
    expect(store.apiVersion).toBe("external-secrets.io/v1");
    expect(store.spec.provider.aws).toEqual({
      service: "SecretsManager",
      region: "us-east-1",
      sessionTagsPolicy: "None",
      auth: { jwt: { serviceAccountRef: { name: "website" } } },
    });
    const account = find(manifests, "ServiceAccount", "website");
    expect(account.metadata.annotations["eks.amazonaws.com/role-arn"]).toBe(
      configOf("production").infra.workloadRoleArns.website,
    );
  });

  it("writes every operator default explicitly, so Argo CD sees no drift", () => {
    for (const secret of production().filter((m) => m.kind === "ExternalSecret")) {
      expect(secret.spec, secret.metadata.name).toMatchObject({
        refreshInterval: "1h0m0s",
        refreshPolicy: "Periodic",
        secretStoreRef: { kind: "SecretStore" },
        target: { name: secret.metadata.name, creationPolicy: "Owner", deletionPolicy: "Retain" },
      });
      for (const item of secret.spec.data as Manifest[]) {
        expect(item.remoteRef).toMatchObject({
          conversionStrategy: "Default",
          decodingStrategy: "None",
          metadataPolicy: "None",
        });
      }
    }
  });

  it("reads database and Redis credentials by name, never a value", () => {
    const database = find(production(), "ExternalSecret", "website-database");
    expect(database.spec.data.map((d: Manifest) => [d.secretKey, d.remoteRef.key, d.remoteRef.property])).toEqual([
      ["PGHOST", "candlefish/production/database", "host"],
      ["PGPORT", "candlefish/production/database", "port"],
      ["PGDATABASE", "candlefish/production/database", "dbname"],
      ["PGUSER", "candlefish/production/database", "username"],
      ["PGPASSWORD", "candlefish/production/database", "password"],
    ]);
  });

  it("lets the Rollout consume exactly the Secrets its ExternalSecrets write", () => {
    const manifests = production();
    const written = new Set(manifests.filter((m) => m.kind === "ExternalSecret").map((m) => m.spec.target.name));
    const [container] = find(manifests, "Rollout", "website").spec.template.spec.containers;
    const consumed = container.envFrom.map((source: Manifest) => source.secretRef.name);
    expect(consumed).toEqual(["website-database", "website-redis"]);
    for (const name of consumed) expect(written.has(name)).toBe(true);
  });

  it("gives the website, the migrator, the backup and the drill a database identity each, read through its own store", () => {
    const manifests = production();
    const storeOf = (name: string) => find(manifests, "ExternalSecret", name).spec.secretStoreRef.name;
    const remoteOf = (name: string) => find(manifests, "ExternalSecret", name).spec.data[0].remoteRef.key;
    expect(storeOf("website-database")).toBe("website");
    expect(storeOf("db-migrate-database")).toBe("db-migrate");
    expect(storeOf("db-backup-database")).toBe("db-ops");
    expect(remoteOf("website-database")).toBe("candlefish/production/database");
    expect(remoteOf("db-migrate-database")).toBe("candlefish/production/database-migrator");
    expect(remoteOf("db-backup-database")).toBe("candlefish/production/database-backup");
    for (const store of ["website", "db-migrate", "db-ops"]) {
      expect(find(manifests, "SecretStore", store).spec.provider.aws.auth.jwt.serviceAccountRef.name).toBe(store);
    }
    expect(find(manifests, "ServiceAccount", "db-migrate").metadata.annotations["eks.amazonaws.com/role-arn"]).toBe(
      "arn:aws:iam::123456789012:role/candlefish-production-db-migrate",
    );
  });

  it("lets each workload consume only its own identity's Secret", () => {
    const manifests = production();
    const envFromOf = (spec: Manifest) =>
      (spec.containers as Manifest[]).flatMap((c) => (c.envFrom ?? []).map((s: Manifest) => s.secretRef.name));
    expect(envFromOf(find(manifests, "Rollout", "website").spec.template.spec)).toEqual([
      "website-database",
      "website-redis",
    ]);
    expect(envFromOf(find(manifests, "Job", "db-migrate").spec.template.spec)).toEqual(["db-migrate-database"]);
    expect(envFromOf(find(manifests, "CronJob", "db-backup").spec.jobTemplate.spec.template.spec)).toEqual([
      "db-backup-database",
    ]);
    expect(envFromOf(find(manifests, "CronJob", "db-restore-drill").spec.jobTemplate.spec.template.spec)).toEqual([]);
    expect(manifests.filter((m) => m.kind === "ExternalSecret" && m.metadata.name === "db-ops-database")).toEqual([]);
  });

  it("keeps the backup private key out of the app namespace, behind the drill's own identity", () => {
    const manifests = production();
    const publicKey = find(manifests, "ExternalSecret", "backup-gpg-public-key");
    const privateKey = find(manifests, "ExternalSecret", "backup-gpg-private-key");
    expect(publicKey.metadata.namespace).toBe("candlefish-production");
    expect(publicKey.spec.secretStoreRef.name).toBe("db-ops");
    expect(privateKey.metadata.namespace).toBe("candlefish-production-restore-drill");
    expect(privateKey.spec.secretStoreRef.name).toBe("db-restore-drill");
    const store = find(manifests, "SecretStore", "db-restore-drill");
    expect(store.metadata.namespace).toBe("candlefish-production-restore-drill");
    expect(store.spec.provider.aws.auth.jwt.serviceAccountRef.name).toBe("db-restore-drill");
  });
});
