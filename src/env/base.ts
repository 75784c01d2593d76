import type { EnvConfigInput } from "./schema";

type Base = Omit<EnvConfigInput, "name" | "namespace" | "domain" | "image">;

/** The website workload as every env runs it; envs override single fields. */
const website = {
  containerPort: 3000,
  // A dedicated metrics port keeps /api/metrics off the port the load balancer reaches.
  metrics: { port: 9464, path: "/api/metrics" },
  healthPath: "/api/health",
  resources: {
    requests: { cpu: "250m", memory: "512Mi" },
    limits: { cpu: "1", memory: "1Gi" },
  },
  hpa: { minReplicas: 3, maxReplicas: 20, targetCpuUtilization: 70, targetMemoryUtilization: 80 },
  pdb: { minAvailable: 2 },
  rollout: {
    // Manual gate unless an env opts in: the safe default for a new env.
    autoPromotionEnabled: false,
    scaleDownDelaySeconds: 900,
    abortScaleDownDelaySeconds: 600,
    previewReplicaCount: 3,
    revisionHistoryLimit: 5,
  },
} satisfies EnvConfigInput["workloads"][string];

/** What staging and production share. */
export const base = {
  workloads: { website },
  topology: { zones: ["us-east-1a", "us-east-1b", "us-east-1c"], maxSkew: 1 },
  // The website's targets: 99.9 % availability, p95 < 2 s, error rate < 0.1 %.
  slo: { availability: 0.999, latencyP95Seconds: 2, errorRate: 0.001 },
} satisfies Base;
