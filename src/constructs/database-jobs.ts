import { ApiObject, Duration } from "cdk8s";
import { Construct } from "constructs";
import type { EnvConfig } from "../env";
import { DB_TOOLS_BUDGET, workloadBudget } from "./container-budget";
import { DATABASE_JOBS, DB_OPS_SERVICE_ACCOUNT } from "./database-jobs-names";
import { BACKUP_SCRIPT, RESTORE_CHECK_SCRIPT } from "./database-scripts";
import { RUNTIME_USER } from "./hardened-container";
import { type HardenedJobProps, hardenedJobSpec } from "./hardened-job";
import { imageReference } from "./image";
import { commonLabels } from "./labels";
import { DB_OPS_SECRETS } from "./secret-names";
import { SYNC_WAVE, syncWave } from "./sync-wave";

/** The tools image's unprivileged user. */
const TOOLS_USER = 10002;

interface ScheduledJob {
  readonly name: string;
  readonly schedule: string;
  readonly job: Omit<HardenedJobProps, "labels">;
}

/**
 * Migrations before each release, a daily encrypted backup and a monthly
 * restore drill, all hardened like the website and limited in time.
 */
export class DatabaseJobs extends Construct {
  constructor(scope: Construct, id: string, env: EnvConfig) {
    super(scope, id);
    const { database, infra } = env;
    const label = (name: string) => commonLabels({ env: env.name, workload: name });
    const website = Object.values(env.workloads)[0];
    const connection = { PGSSLMODE: "require", AWS_REGION: infra.region, BACKUP_BUCKET: infra.backupBucket };

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
        labels: label(DATABASE_JOBS.migrate),
        image: imageReference(env.image),
        command: database.migrationCommand,
        env: { PGSSLMODE: "require" },
        envFromSecrets: [DB_OPS_SECRETS.database],
        user: RUNTIME_USER,
        budget: website === undefined ? DB_TOOLS_BUDGET : workloadBudget(website),
        backoffLimit: 1,
        activeDeadline: Duration.minutes(10),
      }),
    });

    const tools = {
      image: imageReference(database.toolsImage),
      envFromSecrets: [DB_OPS_SECRETS.database],
      serviceAccountName: DB_OPS_SERVICE_ACCOUNT,
      user: TOOLS_USER,
      budget: DB_TOOLS_BUDGET,
      backoffLimit: 1,
      ttlAfterFinished: Duration.days(7),
    };
    const scheduled: ScheduledJob[] = [
      {
        name: DATABASE_JOBS.backup,
        schedule: database.backupSchedule,
        job: {
          ...tools,
          command: ["/bin/bash", "-c", BACKUP_SCRIPT],
          env: connection,
          secretMounts: [{ secretName: DB_OPS_SECRETS.backupPublicKey, path: "/keys" }],
          activeDeadline: Duration.hours(3),
        },
      },
      {
        name: DATABASE_JOBS.restoreCheck,
        schedule: database.restoreCheckSchedule,
        job: {
          ...tools,
          command: ["/bin/bash", "-c", RESTORE_CHECK_SCRIPT],
          env: { ...connection, CHECK_QUERY: database.restoreCheckQuery },
          secretMounts: [{ secretName: DB_OPS_SECRETS.backupPrivateKey, path: "/keys" }],
          activeDeadline: Duration.hours(4),
        },
      },
    ];
    for (const { name, schedule, job } of scheduled) {
      new ApiObject(this, name, {
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: { name, labels: label(name), annotations: syncWave(SYNC_WAVE.supporting) },
        spec: {
          schedule,
          timeZone: "Etc/UTC",
          // Never two at once: a slow backup must not race the next one.
          concurrencyPolicy: "Forbid",
          startingDeadlineSeconds: 3600,
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 3,
          suspend: false,
          jobTemplate: { metadata: { labels: label(name) }, spec: hardenedJobSpec({ ...job, labels: label(name) }) },
        },
      });
    }
  }
}
