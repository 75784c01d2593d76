import { z } from "zod";
import { cronSchema as cron } from "./cron";
import { imageSchema } from "./image-schema";

/** Migrations, encrypted backups and restore drills of the env's PostgreSQL. */
export const databaseSchema = z.strictObject({
  /** Image with bash, pg_dump/pg_restore/psql, gpg and the AWS CLI. */
  toolsImage: imageSchema,
  /** Runs in the website image before each release; must be idempotent and backward compatible. */
  migrationCommand: z.array(z.string().min(1, "must not be empty")).min(1, "must name a command"),
  backupSchedule: cron,
  restoreCheckSchedule: cron,
  /** Must return one row whose first column is a positive count after a good restore. */
  restoreCheckQuery: z.string().regex(/^SELECT\s/i, "must be a SELECT statement"),
});

export const ingressSchema = z.strictObject({
  /** ELB TLS policy; TLS 1.2 or newer only. */
  sslPolicy: z.enum(["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"], {
    error: "must be an ELBSecurityPolicy-TLS13-1-2 policy (TLS 1.2+)",
  }),
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
