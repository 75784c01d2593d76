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

  it("keeps the backup keys behind the db-ops identity, away from the website", () => {
    const manifests = production();
    for (const name of ["backup-gpg-public-key", "backup-gpg-private-key"]) {
      expect(find(manifests, "ExternalSecret", name).spec.secretStoreRef.name).toBe("db-ops");
    }
    expect(find(manifests, "SecretStore", "db-ops").spec.provider.aws.auth.jwt.serviceAccountRef.name).toBe("db-ops");
  });
});
