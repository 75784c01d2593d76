/** Kubernetes Secrets External Secrets writes; pods refer to them by these names. */
export function workloadSecretNames(workload: string) {
  return { database: `${workload}-database`, redis: `${workload}-redis` };
}

/** The database jobs' Secrets: one database identity each, never the website's or each other's. */
export const DB_OPS_SECRETS = {
  /** The migrator: owns the schema (DDL). */
  migrator: "db-migrate-database",
  /** The backup: reads every table, writes nothing. */
  backup: "db-backup-database",
  backupPublicKey: "backup-gpg-public-key",
  /** Only in the restore drill's namespace. */
  backupPrivateKey: "backup-gpg-private-key",
} as const;

/** Secrets Manager JSON properties → libpq's own variables, so psql, pg_dump and node-postgres need no glue. */
export const DATABASE_KEYS = {
  PGHOST: "host",
  PGPORT: "port",
  PGDATABASE: "dbname",
  PGUSER: "username",
  PGPASSWORD: "password",
} as const;

export const REDIS_KEYS = { REDIS_HOST: "host", REDIS_PORT: "port", REDIS_AUTH_TOKEN: "auth_token" } as const;
