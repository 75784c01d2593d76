// The database's Jobs: migrations, encrypted backups, the restore drill and the RDS CA bundle. May import: meta/, pod/, secrets/.
export * from "./database-jobs";
export * from "./database-jobs-names";
export * from "./database-scripts";
export * from "./rds-ca-bundle";
export * from "./restore-drill";
export * from "./scheduled-job";
