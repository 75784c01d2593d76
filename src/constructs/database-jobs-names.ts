/** The env's database jobs by `app.kubernetes.io/name`; NetworkPolicies select them by it. */
export const DATABASE_JOBS = {
  migrate: "db-migrate",
  backup: "db-backup",
  restoreCheck: "db-restore-check",
} as const;

/** The ServiceAccount (IRSA role for S3 and the backup keys) the backup jobs run as. */
export const DB_OPS_SERVICE_ACCOUNT = "db-ops";
