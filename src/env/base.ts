import type { EnvConfigInput } from "./schema";

type Base = Omit<EnvConfigInput, "name" | "namespace" | "domain" | "image" | "infra">;

/** The website workload as every env runs it; envs override single fields. */
const website = {
  containerPort: 3000,
  // A dedicated metrics port keeps /api/metrics off the port the load balancer reaches.
  metrics: {
    port: 9464,
    path: "/api/metrics",
    // A bound at the p95 objective (2 s) makes "p95 above it" exact; bounds above it keep
    // histogram_quantile from capping a slow release at the objective.
    latencyBuckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 5, 10],
  },
  healthPath: "/api/health",
  resources: {
    // /tmp is a 256Mi emptyDir; the rest is logs and the writable layer's leftovers.
    requests: { cpu: "250m", memory: "512Mi", ephemeralStorage: "256Mi" },
    limits: { cpu: "1", memory: "1Gi", ephemeralStorage: "1Gi" },
  },
  hpa: {
    minReplicas: 3,
    maxReplicas: 20,
    targetCpuUtilization: 70,
    targetMemoryUtilization: 80,
    // ASSUMPTION, not a measurement: no load test of the website exists in this repo. 500 users per pod
    // at 70 % of 250m is what 20 pods need for the guide's 10,000; replace it with a measured figure
    // (docs/capacity.md, docs/runbooks/on-call.md).
    concurrentUsersPerPod: 500,
  },
  pdb: { minAvailable: 2 },
  rollout: {
    // Manual gate unless an env opts in: the safe default for a new env.
    autoPromotionEnabled: false,
    scaleDownDelaySeconds: 900,
    // One old ReplicaSet stays up through the delay, so a revert in Git takes users back at once; an
    // older one is scaled down at once (the quota counts exactly one).
    scaleDownDelayRevisionLimit: 1,
    abortScaleDownDelaySeconds: 600,
    previewReplicaCount: 3,
    revisionHistoryLimit: 5,
  },
  analysis: {
    // Two scrapes at the usual 30 s interval, plus margin: rate() needs both.
    rateWindowSeconds: 120,
    prePromotion: {
      // The smoke Job sends 300 requests at ~5/s, so Prometheus has a minute of preview traffic
      // after 60 s. Three measurements 30 s apart; any failure fails the release (retrying a
      // preview costs nothing), one empty result is tolerated before a human is asked.
      initialDelaySeconds: 60,
      intervalSeconds: 30,
      count: 3,
      failureLimit: 0,
      inconclusiveLimit: 1,
      consecutiveErrorLimit: 2,
      smokeRequests: 300,
      smokeImage: { repository: "curlimages/curl", tag: "8.11.1" },
    },
    postPromotion: {
      // Five one-minute measurements of production traffic after a minute of warm-up
      // (6 min in all, inside the 15 min scale-down delay). One bad minute is tolerated as
      // a blip, two roll back; quiet minutes (night traffic) may be inconclusive twice.
      initialDelaySeconds: 60,
      intervalSeconds: 60,
      count: 5,
      failureLimit: 1,
      inconclusiveLimit: 2,
      consecutiveErrorLimit: 3,
    },
  },
} satisfies EnvConfigInput["workloads"][string];

/** What staging and production share. */
export const base = {
  workloads: { website },
  topology: { zones: ["us-east-1a", "us-east-1b", "us-east-1c"], maxSkew: 1 },
  capacity: { concurrentUsers: 10_000 },
  // The website's targets: 99.9 % availability, p95 < 2 s, error rate < 0.1 %.
  slo: { availability: 0.999, latencyP95Seconds: 2, errorRate: 0.001 },
  prometheus: { address: "http://kube-prometheus-stack-prometheus.monitoring.svc.cluster.local:9090" },
  release: { requiredSoakMinutes: 0 },
  monitoring: {
    prometheusSelector: { release: "kube-prometheus-stack" },
    scrapeIntervalSeconds: 30,
    sloWindowDays: 30,
    runbookBaseUrl: "https://github.com/candlefish-ai/candlefish-gitops/blob/main/docs/runbooks",
    maxPausedMinutes: 120,
    alerting: { pager: false, chatChannel: "#candlefish-alerts" },
    businessMetrics: {
      assessmentCompletions: "candlefish_assessments_completed_total",
      activeUsers: "candlefish_active_users",
    },
  },
  database: {
    toolsImage: { repository: "candlefish/db-tools", tag: "16.4-1" },
    migrationCommand: ["node", "scripts/migrate.mjs"],
    // Daily at 03:17 UTC, off the hour when scheduled jobs pile up.
    // The smoke test's pinned curl image: nothing new to trust.
    caBundleFetchImage: { repository: "curlimages/curl", tag: "8.11.1" },
    backupSchedule: "17 3 * * *",
    backupStorage: { request: "256Mi", limit: "1Gi" },
    restoreDrill: {
      // Monthly, on the 1st at 04:43 UTC, after that day's backup.
      schedule: "43 4 1 * *",
      checkQuery: "SELECT count(*) FROM schema_migrations",
      // The engine's major version (terraform-ts: 17): the restore lands on what production runs.
      postgresImage: { repository: "postgres", tag: "17.6-bookworm" },
      scratchStorage: "20Gi",
      // The guide's objective: the database back from its latest backup in under 2 hours.
      recoveryTimeObjectiveMinutes: 120,
      // Monthly drills: one missed run plus a few days before it counts as a failed drill.
      maxDaysBetweenDrills: 35,
    },
  },
  // 30 s instead of the ALB's 300 s default: requests to the website take seconds, and every pod waits this
  // long (plus margins) before it stops, on every scale-in, drain and release.
  ingress: { sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", deregistrationDelaySeconds: 30 },
  platform: { kubernetesVersion: "1.34", monitoringNamespace: "monitoring", rolloutsNamespace: "argo-rollouts" },
} satisfies Base;
