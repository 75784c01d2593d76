import { z } from "zod";

/**
 * How Argo CD delivers every env: the repo it watches, where it runs, and
 * when production may sync. One product, so one config (not per env).
 */
export const deliverySchema = z.strictObject({
  /** This repository, as Argo CD clones it. */
  repoUrl: z.url({ protocol: /^https$/, error: "must be an https Git URL" }),
  targetRevision: z.string().min(1, "must name a branch, tag or commit"),
  argocdNamespace: z.string().min(1, "must not be empty"),
  /** AppProject of the product's own Applications (dist/<env>). */
  project: z.string().regex(/^[a-z0-9-]+$/, "must be a lower-case name"),
  /** AppProject of the platform add-ons (upstream Helm charts). */
  platformProject: z.string().regex(/^[a-z0-9-]+$/, "must be a lower-case name"),
  /** When automated syncs may change production; manual syncs stay allowed for incidents. */
  productionSyncWindow: z.strictObject({
    schedule: z.string().regex(/^(\S+\s+){4}\S+$/, "must be a five-field cron expression"),
    duration: z.string().regex(/^\d+[mh]$/, "must be a duration such as 10h"),
    timeZone: z.string().min(1, "must name a time zone"),
  }),
});

export type DeliveryConfig = z.output<typeof deliverySchema>;

export const delivery: z.input<typeof deliverySchema> = {
  repoUrl: "https://github.com/candlefish-ai/candlefish-gitops.git",
  targetRevision: "main",
  argocdNamespace: "argocd",
  project: "candlefish",
  platformProject: "candlefish-platform",
  // Weekdays 07:00–18:00 UTC: automated changes land while people are at work.
  productionSyncWindow: { schedule: "0 7 * * 1-5", duration: "11h", timeZone: "Etc/UTC" },
};
