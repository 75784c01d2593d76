import { describe, expect, it } from "vitest";
import { configOf, find, type Manifest, manifestsOf } from "../support/fixtures";

const production = () => manifestsOf(configOf("production"));
const wave = (m: Manifest) => Number(m.metadata.annotations?.["argocd.argoproj.io/sync-wave"] ?? 0);
const cronPod = (manifests: Manifest[], name: string) =>
  find(manifests, "CronJob", name).spec.jobTemplate.spec.template.spec;
const envOf = (container: Manifest) =>
  Object.fromEntries((container.env as Manifest[]).map((item) => [item.name, item.value]));

describe("database operations", () => {
  it("runs migrations as a Sync hook after the secrets and before the Rollout, as the migrator", () => {
    const manifests = production();
    const migrate = find(manifests, "Job", "db-migrate");
    expect(migrate.metadata.annotations).toMatchObject({
      "argocd.argoproj.io/hook": "Sync",
      "argocd.argoproj.io/hook-delete-policy": "BeforeHookCreation",
    });
    expect(wave(migrate)).toBeGreaterThan(wave(find(manifests, "ExternalSecret", "db-migrate-database")));
    expect(wave(migrate)).toBeLessThan(wave(find(manifests, "Rollout", "website")));
    const pod = migrate.spec.template.spec;
    expect(pod.serviceAccountName).toBe("db-migrate");
    const [container] = pod.containers;
    expect(container.image).toBe("candlefish/website:v1.0.0");
    expect(container.command).toEqual(["node", "scripts/migrate.mjs"]);
  });

  it("has no PostSync hook anywhere: it would never fire while a Rollout is paused", () => {
    for (const env of ["staging", "production"]) {
      for (const manifest of manifestsOf(configOf(env))) {
        expect(manifest.metadata.annotations?.["argocd.argoproj.io/hook"] ?? "none").not.toMatch(/PostSync/);
      }
    }
  });

  it("backs up daily and drills a restore monthly, never two at once, with history and deadlines", () => {
    const manifests = production();
    for (const [name, schedule, account] of [
      ["db-backup", "17 3 * * *", "db-ops"],
      ["db-restore-drill", "43 4 1 * *", "db-restore-drill"],
    ] as const) {
      const cron = find(manifests, "CronJob", name);
      expect(cron.spec).toMatchObject({
        schedule,
        timeZone: "Etc/UTC",
        concurrencyPolicy: "Forbid",
        startingDeadlineSeconds: 3600,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
      });
      expect(cron.spec.jobTemplate.spec.activeDeadlineSeconds).toBeGreaterThan(0);
      const pod = cron.spec.jobTemplate.spec.template.spec;
      expect(pod.serviceAccountName).toBe(account);
      expect(pod.containers[0].image).toBe("candlefish/db-tools:16.4-1");
    }
  });

  it("encrypts the backup stream with the public key only, and restores with the private key only", () => {
    const manifests = production();
    const backup = cronPod(manifests, "db-backup");
    const restore = cronPod(manifests, "db-restore-drill");
    const secretOf = (pod: Manifest) => pod.volumes.find((v: Manifest) => v.secret !== undefined).secret.secretName;
    expect(secretOf(backup)).toBe("backup-gpg-public-key");
    expect(secretOf(restore)).toBe("backup-gpg-private-key");
    const script = backup.containers[0].command[2];
    expect(script).toMatch(/pg_dump .*\\\n\s+\| gpg --batch --trust-model always --encrypt .*\\\n\s+\| aws s3 cp - /s);
  });

  it("uploads backups under the bucket's own default KMS key: no --sse that would pick the AWS-managed key", () => {
    const script: string = cronPod(production(), "db-backup").containers[0].command[2];
    const uploads = script.split("\n").filter((line) => line.includes("aws s3 cp -"));
    expect(uploads).toHaveLength(2);
    for (const line of uploads) {
      // Either no --sse at all (the bucket default), or aws:kms with an explicit key id.
      if (line.includes("--sse")) expect(line).toMatch(/--sse-kms-key-id \S+/);
    }
    expect(script).not.toMatch(/--sse aws:kms(?![\s\S]*--sse-kms-key-id)/);
  });

  it("connects the migration and the backup with verify-full against the region's RDS CA bundle", () => {
    const manifests = production();
    for (const pod of [find(manifests, "Job", "db-migrate").spec.template.spec, cronPod(manifests, "db-backup")]) {
      const [fetch] = pod.initContainers;
      expect(fetch.name).toBe("fetch-rds-ca");
      expect(envOf(fetch)).toEqual({
        CA_URL: "https://truststore.pki.rds.amazonaws.com/us-east-1/us-east-1-bundle.pem",
        CA_FILE: "/rds-ca/rds-ca-bundle.pem",
      });
      expect(fetch.command[2]).toContain("curl --fail");
      expect(fetch.command[2]).toContain("--proto =https");
      const [container] = pod.containers;
      expect(envOf(container)).toMatchObject({
        PGSSLMODE: "verify-full",
        PGSSLROOTCERT: "/rds-ca/rds-ca-bundle.pem",
        NODE_EXTRA_CA_CERTS: "/rds-ca/rds-ca-bundle.pem",
      });
      expect(container.volumeMounts).toContainEqual({ name: "rds-ca", mountPath: "/rds-ca", readOnly: true });
    }
    const everyMode = production()
      .flatMap((m) => JSON.stringify(m).match(/"PGSSLMODE","value":"[a-z-]+"/g) ?? [])
      .filter((mode) => !mode.includes("verify-full"));
    // The website keeps its own mode until its image ships the bundle (docs/decisions.md).
    expect(everyMode).toEqual(['"PGSSLMODE","value":"require"']);
  });
});

describe("restore drill", () => {
  const drillPod = () => cronPod(production(), "db-restore-drill");

  it("runs in its own namespace, away from the app's pods, Secrets and database", () => {
    const cron = find(production(), "CronJob", "db-restore-drill");
    expect(cron.metadata.namespace).toBe("candlefish-production-restore-drill");
    const pod = drillPod();
    const containers = [...pod.containers, ...pod.initContainers] as Manifest[];
    expect(containers.flatMap((c) => c.envFrom ?? [])).toEqual([]);
    expect(pod.volumes.flatMap((v: Manifest) => (v.secret ? [v.secret.secretName] : []))).toEqual([
      "backup-gpg-private-key",
    ]);
  });

  it("restores into a throwaway PostgreSQL sidecar on 127.0.0.1, never a remote host", () => {
    const pod = drillPod();
    const [server] = pod.initContainers;
    expect(server.name).toBe("postgres");
    expect(server.restartPolicy).toBe("Always");
    expect(server.image).toBe("postgres:17.6-bookworm");
    expect(server.command).toEqual(["docker-entrypoint.sh", "postgres", "-c", "listen_addresses=127.0.0.1"]);
    expect(server.startupProbe.exec.command).toEqual(["pg_isready", "--host", "127.0.0.1", "--username", "drill"]);
    expect(pod.volumes).toContainEqual({ name: "pgdata", emptyDir: { sizeLimit: "20480Mi" } });
    const drill = envOf(pod.containers[0]);
    expect(drill).toMatchObject({
      PGHOST: "127.0.0.1",
      PGPORT: "5432",
      CHECK_QUERY: "SELECT count(*) FROM schema_migrations",
    });
    expect(pod.containers[0].command[2]).toContain(
      'pg_restore --no-owner --no-privileges --exit-on-error --dbname "$PGDATABASE"',
    );
  });

  it("fails a drill past twice the database RTO, and reports it without retrying into a pass", () => {
    const job = find(production(), "CronJob", "db-restore-drill").spec.jobTemplate.spec;
    expect(job.activeDeadlineSeconds).toBe(2 * 120 * 60);
    expect(job.backoffLimit).toBe(0);
  });
});
