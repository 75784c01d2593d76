import { z } from "zod";
import { cronSchema as cron } from "./cron";
import { imageSchema } from "./image-schema";

/** Ephemeral storage (container logs, writable layers, emptyDirs), in Mi or Gi like memory. */
export const storageQuantity = z
  .string()
  .regex(/^[0-9]+(Mi|Gi)$/, "must be an ephemeral-storage quantity in Mi or Gi, such as 512Mi or 2Gi");

/** Migrations, encrypted backups and restore drills of the env's PostgreSQL. */
export const databaseSchema = z.strictObject({
  /** Image with bash, pg_dump/pg_restore/psql, gpg and the AWS CLI. */
  toolsImage: imageSchema,
  /** Runs in the website image before each release; must be idempotent and backward compatible. */
  migrationCommand: z.array(z.string().min(1, "must not be empty")).min(1, "must name a command"),
  /** Fetches the region's RDS CA bundle before a job connects with verify-full (needs curl and sh). */
  caBundleFetchImage: imageSchema,
  backupSchedule: cron,
  /** The backup Job's ephemeral storage: pg_dump streams, so only gpg's home in /tmp and logs. */
  backupStorage: z.strictObject({ request: storageQuantity, limit: storageQuantity }),
  /** The monthly restore drill: into a throwaway PostgreSQL in its own namespace, never production. */
  restoreDrill: z.strictObject({
    schedule: cron,
    /** Must return one row whose first column is a positive count after a good restore. */
    checkQuery: z.string().regex(/^SELECT\s/i, "must be a SELECT statement"),
    /** The throwaway server: the major version of the production engine (pg_restore needs >= the dump's). */
    postgresImage: imageSchema,
    /** The throwaway server's data directory (an emptyDir): room for the restored database. */
    scratchStorage: storageQuantity,
    /** The database recovery time objective: a drill slower than this is a failed drill. */
    recoveryTimeObjectiveMinutes: z.int().min(1, "must be at least 1 minute"),
    /** A drill that has not succeeded for this long is a failed drill (it silently stopped running). */
    maxDaysBetweenDrills: z.int().min(1, "must be at least 1 day"),
  }),
});

export const ingressSchema = z.strictObject({
  /** ELB TLS policy; TLS 1.2 or newer only. */
  sslPolicy: z.enum(["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"], {
    error: "must be an ELBSecurityPolicy-TLS13-1-2 policy (TLS 1.2+)",
  }),
  /**
   * The ALB target groups' deregistration delay: how long in-flight requests to a leaving pod may run. The
   * pods' preStop sleep and grace period follow from it (src/constructs/drain-timing.ts). ALB allows 0-3600.
   */
  deregistrationDelaySeconds: z
    .number()
    .int("must be a whole number of seconds")
    .min(0, "must be at least 0 (the ALB's range is 0-3600 s)")
    .max(3600, "must be at most 3600 (the ALB's range is 0-3600 s)"),
  /** Internal-only host for the preview Service; omit to expose no preview. */
  previewHost: z
    .string()
    .regex(/^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be a lower-case DNS host name")
    .optional(),
});

/** Where the cluster's shared components run; NetworkPolicies and PSA refer to them. */
export const platformSchema = z.strictObject({
  kubernetesVersion: z.string().regex(/^1\.\d{2}$/, "must be a minor version such as 1.34"),
  monitoringNamespace: z.string().min(1, "must not be empty"),
  rolloutsNamespace: z.string().min(1, "must not be empty"),
});

export type DatabaseConfig = z.output<typeof databaseSchema>;
