import { Duration } from "cdk8s";
import { Construct } from "constructs";
import type { EnvConfig } from "../env";
import { memoryBytes } from "../env/quantity";
import { type ContainerBudget, dbToolsBudget } from "./container-budget";
import { TOOLS_USER } from "./database-jobs";
import { DATABASE_JOBS, RESTORE_DRILL_SERVICE_ACCOUNT } from "./database-jobs-names";
import { BACKUP_PREFIX, RESTORE_DRILL_SCRIPT } from "./database-scripts";
import { imageReference } from "./image";
import { ScheduledJob } from "./scheduled-job";
import { DB_OPS_SECRETS } from "./secret-names";

/** The postgres user of the official image (Debian variant): it owns the data directory. */
const POSTGRES_USER = 999;
const DRILL_DATABASE = "drill";

/** The throwaway server: its data directory is the scratch volume, the rest is the server's own. */
function serverBudget(scratchMebibytes: number): ContainerBudget {
  return {
    cpuRequestMillis: 500,
    cpuLimitMillis: 2000,
    memoryRequestMebibytes: 512,
    memoryLimitMebibytes: 2048,
    storageRequestMebibytes: scratchMebibytes,
    // The data directory, its /tmp and logs: the pod is evicted only past all of them.
    storageLimitMebibytes: scratchMebibytes + 1024,
  };
}

/**
 * The monthly restore drill: the latest backup, decrypted with the private key, restored into a
 * throwaway PostgreSQL that runs beside the drill as a native sidecar, listening on 127.0.0.1 only,
 * its data on a size-limited emptyDir that dies with the pod. Production's database is never
 * connected to: the pod holds no database credentials. The deadline is twice the database RTO, so
 * a slow restore still finishes and reports how slow (RestoreDrillSlowerThanRto fires at the RTO).
 */
export class RestoreDrill extends Construct {
  constructor(scope: Construct, id: string, env: EnvConfig, labels: Record<string, string>) {
    super(scope, id);
    const { database, infra } = env;
    const drill = database.restoreDrill;
    const scratchMebibytes = memoryBytes(drill.scratchStorage) / 2 ** 20;
    const local = { PGHOST: "127.0.0.1", PGPORT: "5432", PGUSER: DRILL_DATABASE, PGDATABASE: DRILL_DATABASE };

    new ScheduledJob(this, "cron", {
      name: DATABASE_JOBS.restoreDrill,
      labels,
      schedule: drill.schedule,
      job: {
        image: imageReference(database.toolsImage),
        command: ["/bin/bash", "-c", RESTORE_DRILL_SCRIPT],
        env: {
          ...local,
          AWS_REGION: infra.region,
          BACKUP_BUCKET: infra.backupBucket,
          BACKUP_PREFIX,
          CHECK_QUERY: drill.checkQuery,
        },
        secretMounts: [{ secretName: DB_OPS_SECRETS.backupPrivateKey, path: "/keys" }],
        serviceAccountName: RESTORE_DRILL_SERVICE_ACCOUNT,
        user: TOOLS_USER,
        budget: dbToolsBudget(database),
        // A failed drill is reported, not retried into a pass.
        backoffLimit: 0,
        activeDeadline: Duration.minutes(2 * drill.recoveryTimeObjectiveMinutes),
        // Kept a week, so the failed or slow Job (and its alert) outlives a weekend.
        ttlAfterFinished: Duration.days(7),
        scratchVolumes: [
          { name: "pgdata", sizeMebibytes: scratchMebibytes },
          { name: "pgrun", sizeMebibytes: 1 },
        ],
        initContainers: [
          {
            name: "postgres",
            image: imageReference(drill.postgresImage),
            // The image's entrypoint runs initdb on the empty volume (as any UID, via nss_wrapper), then the server.
            command: ["docker-entrypoint.sh", "postgres", "-c", "listen_addresses=127.0.0.1"],
            env: {
              POSTGRES_USER: DRILL_DATABASE,
              POSTGRES_DB: DRILL_DATABASE,
              // Only this pod reaches 127.0.0.1, and the server holds nothing but a copy of a backup.
              POSTGRES_HOST_AUTH_METHOD: "trust",
              PGDATA: "/var/lib/postgresql/data/pgdata",
            },
            user: POSTGRES_USER,
            budget: serverBudget(scratchMebibytes),
            mounts: [
              { volume: "pgdata", path: "/var/lib/postgresql/data" },
              { volume: "pgrun", path: "/var/run/postgresql" },
            ],
            sidecar: true,
            startupCommand: ["pg_isready", "--host", "127.0.0.1", "--username", DRILL_DATABASE],
          },
        ],
      },
    });
  }
}
