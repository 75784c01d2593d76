import { ApiObject, Duration } from "cdk8s";
import { Construct } from "constructs";
import type { EnvConfig } from "../env";
import { dbToolsBudget, workloadBudget } from "./container-budget";
import { DATABASE_JOBS, DB_MIGRATE_SERVICE_ACCOUNT, DB_OPS_SERVICE_ACCOUNT } from "./database-jobs-names";
import { BACKUP_PREFIX, BACKUP_SCRIPT } from "./database-scripts";
import { RUNTIME_USER } from "./hardened-container";
import { hardenedJobSpec } from "./hardened-job";
import { imageReference } from "./image";
import { commonLabels } from "./labels";
import { rdsCaBundle, VERIFY_FULL_ENV } from "./rds-ca-bundle";
import { ScheduledJob } from "./scheduled-job";
import { DB_OPS_SECRETS } from "./secret-names";
import { SYNC_WAVE, syncWave } from "./sync-wave";

/** The tools image's unprivileged user. */
export const TOOLS_USER = 10002;

/**
 * Migrations before each release and a daily encrypted backup, each as its own
 * database identity (the migrator owns the schema, the backup only reads),
 * connecting with verify-full, hardened like the website and limited in time.
 * The restore drill runs in its own namespace (restore-drill.ts).
 */
export class DatabaseJobs extends Construct {
  constructor(scope: Construct, id: string, env: EnvConfig) {
    super(scope, id);
    const { database, infra } = env;
    const label = (name: string) => commonLabels({ env: env.name, workload: name });
    const website = Object.values(env.workloads)[0];
    const ca = rdsCaBundle({ region: infra.region, fetchImage: imageReference(database.caBundleFetchImage) });
    const verified = { scratchVolumes: [ca.volume], scratchMounts: [ca.mount], initContainers: [ca.init] };

    // A Sync hook in the wave before the Rollout (not PreSync): on a first install PreSync would run
    // before the database Secret exists; re-created on every sync, so migrations must be idempotent.
    new ApiObject(this, "migrate", {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: {
        name: DATABASE_JOBS.migrate,
        labels: label(DATABASE_JOBS.migrate),
        annotations: {
          ...syncWave(SYNC_WAVE.migration),
          "argocd.argoproj.io/hook": "Sync",
          "argocd.argoproj.io/hook-delete-policy": "BeforeHookCreation",
        },
      },
      spec: hardenedJobSpec({
        ...verified,
        labels: label(DATABASE_JOBS.migrate),
        image: imageReference(env.image),
        command: database.migrationCommand,
        env: VERIFY_FULL_ENV,
        envFromSecrets: [DB_OPS_SECRETS.migrator],
        serviceAccountName: DB_MIGRATE_SERVICE_ACCOUNT,
        user: RUNTIME_USER,
        budget: website === undefined ? dbToolsBudget(database) : workloadBudget(website),
        backoffLimit: 1,
        activeDeadline: Duration.minutes(10),
      }),
    });

    new ScheduledJob(this, DATABASE_JOBS.backup, {
      name: DATABASE_JOBS.backup,
      labels: label(DATABASE_JOBS.backup),
      schedule: database.backupSchedule,
      job: {
        ...verified,
        image: imageReference(database.toolsImage),
        command: ["/bin/bash", "-c", BACKUP_SCRIPT],
        env: { ...VERIFY_FULL_ENV, AWS_REGION: infra.region, BACKUP_BUCKET: infra.backupBucket, BACKUP_PREFIX },
        envFromSecrets: [DB_OPS_SECRETS.backup],
        secretMounts: [{ secretName: DB_OPS_SECRETS.backupPublicKey, path: "/keys" }],
        serviceAccountName: DB_OPS_SERVICE_ACCOUNT,
        user: TOOLS_USER,
        budget: dbToolsBudget(database),
        backoffLimit: 1,
        activeDeadline: Duration.hours(3),
        ttlAfterFinished: Duration.days(7),
      },
    });
  }
}
