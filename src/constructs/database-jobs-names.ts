/** The env's database jobs by `app.kubernetes.io/name`; NetworkPolicies select them by it. */
export const DATABASE_JOBS = {
  migrate: "db-migrate",
  backup: "db-backup",
  restoreDrill: "db-restore-drill",
} as const;

/**
 * One ServiceAccount (IRSA role) per database identity, each reading only its own secrets:
 * the migrator's credentials (DDL), the backup's (read-only) and the GPG public key, and in the
 * drill's namespace the GPG private key and read access to the backup bucket.
 */
export const DB_MIGRATE_SERVICE_ACCOUNT = "db-migrate";
export const DB_OPS_SERVICE_ACCOUNT = "db-ops";
export const RESTORE_DRILL_SERVICE_ACCOUNT = "db-restore-drill";

/** The drill's own namespace: the private key and the throwaway server stay out of the app's. */
export function restoreDrillNamespace(namespace: string): string {
  return `${namespace}-restore-drill`;
}
