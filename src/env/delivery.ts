import { z } from "zod";
import { cronSchema } from "./cron";

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
  /**
   * Envs whose releases wait for a person (`kubectl argo rollouts promote`): the deployment guide's
   * manual approval for production, as policy. An env listed here with autoPromotionEnabled is refused.
   */
  manualPromotionEnvs: z.array(z.string().min(1, "must name an env")).min(1, "must list at least production"),
  /** When automated syncs may change production; manual syncs stay allowed for incidents. */
  productionSyncWindow: z.strictObject({
    schedule: cronSchema,
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
  manualPromotionEnvs: ["production"],
  // Weekdays 07:00–18:00 UTC: automated changes land while people are at work.
  productionSyncWindow: { schedule: "0 7 * * 1-5", duration: "11h", timeZone: "Etc/UTC" },
};
