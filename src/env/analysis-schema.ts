import { z } from "zod";
import { imageSchema } from "./image-schema";

const count = (what: string) => z.int().min(0, `must be 0 or more ${what}`);

/** How often Argo Rollouts measures a gate, and how many bad results it tolerates. */
export const measurementSchema = z.strictObject({
  /** Wait before the first measurement, so the new pods have been scraped. */
  initialDelaySeconds: count("seconds"),
  intervalSeconds: z.int().min(10, "must be at least 10 seconds (a Prometheus scrape interval)"),
  count: z.int().min(1, "must be at least 1 measurement"),
  /** Failed measurements tolerated; one more fails the release. */
  failureLimit: count("measurements"),
  /** Measurements without data tolerated; one more pauses the release for a human. */
  inconclusiveLimit: count("measurements"),
  /** Provider errors in a row tolerated (Prometheus or the health endpoint unreachable). */
  consecutiveErrorLimit: count("errors"),
});

export const analysisSchema = z.strictObject({
  /** Range of the PromQL rate() windows. */
  rateWindowSeconds: z.int().min(60, "must be at least 60 seconds, or rate() sees too few scrapes"),
  /** Gates on the preview, before any user traffic reaches it. */
  prePromotion: measurementSchema.extend({
    /** Synthetic requests the smoke Job sends through the preview Service. */
    smokeRequests: z.int().min(10, "must be at least 10").max(10_000, "must be at most 10000"),
    /** Image with curl and a POSIX shell that runs the smoke Job. */
    smokeImage: imageSchema,
  }),
  /** Gates on production traffic after the switch, while the old ReplicaSet still runs. */
  postPromotion: measurementSchema,
});

export type MeasurementConfig = z.output<typeof measurementSchema>;
export type AnalysisConfig = z.output<typeof analysisSchema>;
