import { describe, expect, it } from "vitest";
import { configOf, find, type Manifest, manifestsOf } from "../support/fixtures";

const production = () => manifestsOf(configOf("production"));
const wave = (m: Manifest) => Number(m.metadata.annotations?.["argocd.argoproj.io/sync-wave"] ?? 0);

describe("database operations", () => {
  it("runs migrations as a Sync hook after the secrets and before the Rollout", () => {
    const manifests = production();
    const migrate = find(manifests, "Job", "db-migrate");
    expect(migrate.metadata.annotations).toMatchObject({
      "argocd.argoproj.io/hook": "Sync",
      "argocd.argoproj.io/hook-delete-policy": "BeforeHookCreation",
    });
    expect(wave(migrate)).toBeGreaterThan(wave(find(manifests, "ExternalSecret", "db-ops-database")));
    expect(wave(migrate)).toBeLessThan(wave(find(manifests, "Rollout", "website")));
    const [container] = migrate.spec.template.spec.containers;
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

  it("backs up daily and checks a restore monthly, never two at once, with history and deadlines", () => {
    const manifests = production();
    for (const [name, schedule] of [
      ["db-backup", "17 3 * * *"],
      ["db-restore-check", "43 4 1 * *"],
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
      expect(pod.serviceAccountName).toBe("db-ops");
      expect(pod.containers[0].image).toBe("candlefish/db-tools:16.4-1");
    }
  });

  it("encrypts the backup stream with the public key only, and restores with the private key only", () => {
    const manifests = production();
    const backup = find(manifests, "CronJob", "db-backup").spec.jobTemplate.spec.template.spec;
    const restore = find(manifests, "CronJob", "db-restore-check").spec.jobTemplate.spec.template.spec;
    const secretOf = (pod: Manifest) => pod.volumes.find((v: Manifest) => v.secret !== undefined).secret.secretName;
    expect(secretOf(backup)).toBe("backup-gpg-public-key");
    expect(secretOf(restore)).toBe("backup-gpg-private-key");
    const script = backup.containers[0].command[2];
    expect(script).toMatch(/pg_dump .*\\\n\s+\| gpg --batch --trust-model always --encrypt .*\\\n\s+\| aws s3 cp - /s);
  });

  it("runs the env's check query against the restored scratch database", () => {
    const restore = find(production(), "CronJob", "db-restore-check").spec.jobTemplate.spec.template.spec;
    expect(restore.containers[0].env).toContainEqual({
      name: "CHECK_QUERY",
      value: "SELECT count(*) FROM schema_migrations",
    });
    expect(restore.containers[0].command[2]).toContain("trap 'dropdb --if-exists \"$scratch\"' EXIT");
  });
});
