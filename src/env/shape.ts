import { z } from "zod";
import { analysisSchema } from "./analysis-schema";
import { imageSchema } from "./image-schema";
import { monitoringSchema } from "./monitoring-schema";
import { databaseSchema, ingressSchema, platformSchema, storageQuantity } from "./operations-schema";
import { infraOutputsSchema } from "./outputs-schema";

/** RFC 1123 label: what Kubernetes accepts for namespaces and object names. */
const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a lower-case RFC 1123 label (a-z, 0-9, '-')");

const hostname = z
  .string()
  .regex(/^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be a lower-case DNS host name");

const httpPath = z.string().regex(/^\/[A-Za-z0-9._~\-/]*$/, "must be an absolute URL path such as /api/health");

const port = z.int().min(1, "must be a port between 1 and 65535").max(65535, "must be a port between 1 and 65535");

const cpuQuantity = z.string().regex(/^([0-9]+m|[0-9]+(\.[0-9]+)?)$/, "must be a CPU quantity such as 250m or 1");
const memoryQuantity = z
  .string()
  .regex(/^[0-9]+(Mi|Gi)$/, "must be a memory quantity in Mi or Gi, such as 512Mi or 1Gi");

const percent = z.int().min(1, "must be a percentage from 1 to 100").max(100, "must be a percentage from 1 to 100");
const ratio = z.number().gt(0, "must be a ratio above 0").lt(1, "must be a ratio below 1");

const resourceAmounts = z.strictObject({
  cpu: cpuQuantity,
  memory: memoryQuantity,
  /** Logs, /tmp and the writable layer: a runaway /tmp is evicted before it fills the node's disk. */
  ephemeralStorage: storageQuantity,
});

const resourcesSchema = z.strictObject({ requests: resourceAmounts, limits: resourceAmounts });

const hpaSchema = z.strictObject({
  minReplicas: z.int().min(1, "must be at least 1"),
  maxReplicas: z.int().min(1, "must be at least 1"),
  /**
   * ASSUMPTION until a load test measures it: concurrent users one pod serves at the CPU target.
   * × maxReplicas must reach the env's capacity.concurrentUsers (src/capacity).
   */
  concurrentUsersPerPod: z.int().min(1, "must be at least 1"),
  targetCpuUtilization: percent,
  targetMemoryUtilization: percent,
});

const rolloutSchema = z.strictObject({
  /** false = production's manual gate (`kubectl argo rollouts promote`). */
  autoPromotionEnabled: z.boolean(),
  /** Old ReplicaSet kept after a promotion, so an abort or undo is instant. */
  scaleDownDelaySeconds: z.int().min(30, "must be at least 30 (Argo Rollouts needs time to switch the Service)"),
  /**
   * Old ReplicaSets kept at full size inside their scale-down delay (a second release within the delay
   * keeps the first's old pods too). At least 1, or the delay keeps nothing and an undo is no longer instant.
   */
  scaleDownDelayRevisionLimit: z.int().min(1, "must be at least 1 (0 scales the old pods down at once)"),
  /** Preview ReplicaSet kept after an abort, for inspection. */
  abortScaleDownDelaySeconds: z.int().min(0, "must be 0 or more"),
  previewReplicaCount: z.int().min(1, "must be at least 1"),
  revisionHistoryLimit: z.int().min(1, "must be at least 1").max(20, "must be at most 20"),
});

export const workloadSchema = z.strictObject({
  containerPort: port,
  metrics: z.strictObject({
    port,
    path: httpPath,
    /** Upper bounds of the request-duration histogram the website exports (seconds, +Inf implied). */
    latencyBuckets: z
      .array(z.number().gt(0, "must be above 0 seconds"))
      .min(2, "must list at least 2 buckets")
      .refine((buckets) => buckets.every((b, i) => i === 0 || b > (buckets[i - 1] ?? 0)), "must be strictly ascending"),
  }),
  healthPath: httpPath,
  resources: resourcesSchema,
  hpa: hpaSchema,
  pdb: z.strictObject({ minAvailable: z.int().min(1, "must be at least 1") }),
  rollout: rolloutSchema,
  analysis: analysisSchema,
});

const sloSchema = z.strictObject({
  /** Share of non-5xx requests over 30 days, e.g. 0.999. */
  availability: ratio,
  /** 95th-percentile latency objective in seconds. */
  latencyP95Seconds: z.number().gt(0, "must be above 0 seconds"),
  /** Highest acceptable share of 5xx responses, e.g. 0.001. */
  errorRate: ratio,
});

export const envShape = z.strictObject({
  name: dnsLabel,
  namespace: dnsLabel,
  domain: hostname,
  image: imageSchema,
  workloads: z
    .record(dnsLabel, workloadSchema)
    .refine((workloads) => Object.keys(workloads).length > 0, "must declare at least one workload"),
  topology: z.strictObject({
    zones: z
      .array(z.string().regex(/^[a-z]{2}-[a-z]+-[0-9][a-z]$/, "must be an AWS availability zone such as us-east-1a"))
      .min(1, "must list at least one zone")
      .refine((zones) => new Set(zones).size === zones.length, "must not repeat a zone"),
    maxSkew: z.int().min(1, "must be at least 1"),
  }),
  slo: sloSchema,
  /** What the env must carry; the node groups and the quota are checked against it (src/capacity). */
  capacity: z.strictObject({
    /** Concurrent users the env must serve at HPA max (the deployment guide: 10,000+ in production). */
    concurrentUsers: z.int().min(1, "must be at least 1"),
  }),
  release: z.strictObject({
    /** How long the promoted image must have run in the env it comes from (measured from Git history). */
    requiredSoakMinutes: z.int().min(0, "must be 0 or more minutes"),
  }),
  monitoring: monitoringSchema,
  database: databaseSchema,
  ingress: ingressSchema,
  platform: platformSchema,
  /** Infra outputs from src/env/outputs/<env>.json (written by `resolve`). */
  infra: infraOutputsSchema,
  prometheus: z.strictObject({
    /** What the AnalysisTemplates query; the in-cluster kube-prometheus-stack Service by default. */
    address: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
  }),
});

/** An env whose fields are each valid, before the cross-field rules ran (rules.ts reads it; schema.ts composes). */
export type EnvShape = z.output<typeof envShape>;
export type WorkloadConfig = z.output<typeof workloadSchema>;
