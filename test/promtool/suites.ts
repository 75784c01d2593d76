import type { EnvConfig } from "../../src/env";
import { bucketLabel } from "../../src/slo/bucket-label";
import { RELEASE_SERIES_LABEL, TRAFFIC_LABEL } from "../../src/slo/metric-contract";
import { expectAt, firing } from "./alert-expectations";

/**
 * promtool unit-test suites. The traffic is fixed (2 %, 0.05 %, 0.2 % errors,
 * p95 of 3 s), so a change to an objective or a burn factor that stops an
 * alert from firing makes its suite fail. Names, severities, runbooks and the
 * namespace come from the alert catalog and the env config, never retyped.
 */
export interface PromtoolTest {
  readonly name: string;
  readonly interval: string;
  readonly input_series: { series: string; values: string }[];
  readonly alert_rule_test: ReturnType<typeof expectAt>[];
}

const series = (name: string, labels: Record<string, string>) =>
  `${name}{${Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(",")}}`;

function websiteTarget(env: EnvConfig) {
  return { namespace: env.namespace, service: "website-metrics" };
}

/**
 * The labels a website series carries once Prometheus 3 scraped it through the ServiceMonitor:
 * the release's pod-template hash (podTargetLabels) and the traffic kind the website exports.
 * promtool stores input series as written, so they are written the way Prometheus stores them.
 */
function userTraffic(env: EnvConfig) {
  return { ...websiteTarget(env), [RELEASE_SERIES_LABEL]: "6d4f8b7c9d", [TRAFFIC_LABEL]: "user" };
}

/** Requests per minute at an error ratio, as the website's counter would show them. */
function trafficAtErrorRatio(
  env: EnvConfig,
  okPerMinute: number,
  errorsPerMinute: number,
  minutes: number,
  labels: Record<string, string> = userTraffic(env),
) {
  return [
    { series: series("http_requests_total", { ...labels, code: "200" }), values: `0+${okPerMinute}x${minutes}` },
    { series: series("http_requests_total", { ...labels, code: "500" }), values: `0+${errorsPerMinute}x${minutes}` },
  ];
}

function availabilitySuites(env: EnvConfig): PromtoolTest[] {
  const slo = { ...websiteTarget(env), slo: "availability" };
  return [
    {
      name: "fast burn pages at a 2 % error ratio",
      interval: "1m",
      input_series: trafficAtErrorRatio(env, 980, 20, 120),
      alert_rule_test: [
        expectAt("30m", "availabilityFastBurn", [firing(env, "availabilityFastBurn", slo)]),
        expectAt("30m", "availabilitySlowBurn", [firing(env, "availabilitySlowBurn", slo)]),
      ],
    },
    {
      name: "0.05 % errors stay within the budget: nothing fires",
      interval: "1m",
      input_series: trafficAtErrorRatio(env, 19990, 10, 600),
      alert_rule_test: [
        expectAt("30m", "availabilityFastBurn", []),
        expectAt("9h", "availabilityFastBurn", []),
        expectAt("9h", "availabilitySlowBurn", []),
      ],
    },
    {
      // While post-promotion analysis runs, the new pods serve all traffic and still carry the preview
      // role (the Rollouts controller moves activeMetadata only after the analysis): they must count.
      name: "errors of a new release still labelled preview burn the budget",
      interval: "1m",
      input_series: trafficAtErrorRatio(env, 980, 20, 120, {
        ...userTraffic(env),
        [RELEASE_SERIES_LABEL]: "7f5c9d8b6a",
        candlefish_ai_rollout_role: "preview",
      }),
      alert_rule_test: [expectAt("30m", "availabilityFastBurn", [firing(env, "availabilityFastBurn", slo)])],
    },
    {
      name: "the smoke Job's synthetic requests stay out of the SLI, even all failing",
      interval: "1m",
      input_series: [
        ...trafficAtErrorRatio(env, 19990, 0, 120),
        ...trafficAtErrorRatio(env, 0, 50, 120, { ...userTraffic(env), [TRAFFIC_LABEL]: "synthetic" }),
      ],
      alert_rule_test: [expectAt("30m", "availabilityFastBurn", []), expectAt("30m", "availabilitySlowBurn", [])],
    },
    {
      name: "slow burn opens a ticket at 0.2 % sustained, without paging",
      interval: "5m",
      input_series: trafficAtErrorRatio(env, 4990, 10, 12 * 12),
      alert_rule_test: [
        expectAt("10h", "availabilitySlowBurn", [firing(env, "availabilitySlowBurn", slo)]),
        expectAt("10h", "availabilityFastBurn", []),
      ],
    },
  ];
}

/** 15 requests at 0.2 s and 1 at 3 s per minute: 6.25 % slow, histogram p95 of 3 s. */
function slowTraffic(env: EnvConfig, minutes: number) {
  const labels = userTraffic(env);
  const buckets = env.workloads.website?.metrics.latencyBuckets ?? [];
  return [...buckets, Number.POSITIVE_INFINITY].map((bound) => {
    const perMinute = (bound >= 0.2 ? 15 : 0) + (bound >= 3 ? 1 : 0);
    return {
      series: series("http_request_duration_seconds_bucket", { ...labels, le: bucketLabel(bound) }),
      values: `0+${perMinute}x${minutes}`,
    };
  });
}

function latencySuites(env: EnvConfig): PromtoolTest[] {
  const target = websiteTarget(env);
  return [
    {
      name: "p95 of 3 s raises the latency alerts",
      interval: "1m",
      input_series: slowTraffic(env, 120),
      alert_rule_test: [
        expectAt("30m", "latencyP95High", [firing(env, "latencyP95High", target)]),
        expectAt("30m", "latencySlowBurn", [firing(env, "latencySlowBurn", { ...target, slo: "latency" })]),
        expectAt("30m", "latencyFastBurn", []),
      ],
    },
  ];
}

/**
 * The labels of the Argo Rollouts controller's series as Prometheus stores them: the target labels
 * Prometheus Operator gives the chart's ServiceMonitor targets (job and service = the chart's metrics
 * Service, pod, container, endpoint, instance) and `namespace` put back to the Rollout's by the
 * ServiceMonitor's metricRelabelings (src/addons/catalog.ts): without them the controller's own
 * `namespace` arrives as `exported_namespace`. The controller adds its own labels per metric
 * (controller/metrics/prommetrics.go).
 */
function rolloutControllerTarget(namespace: string) {
  return {
    namespace,
    container: "argo-rollouts",
    endpoint: "metrics",
    instance: "10.0.11.23:8090",
    job: "argo-rollouts-metrics",
    pod: "argo-rollouts-6c9f8d7b5-x2x4k",
    service: "argo-rollouts-metrics",
  };
}

function operationalSuites(env: EnvConfig): PromtoolTest[] {
  const namespace = env.namespace;
  // rollout_info: namespace, name, strategy, traffic_router (empty for blue/green, so absent), phase.
  const rollout = { ...rolloutControllerTarget(namespace), name: "website", strategy: "blueGreen" };
  const hpa = { namespace, horizontalpodautoscaler: "website", job: "kube-state-metrics" };
  const pod = { namespace, pod: "website-7d9f-abcde", container: "website", reason: "CrashLoopBackOff" };
  const secret = { namespace, name: "website-database", condition: "Ready", status: "False" };
  // rollout_events_total: namespace, name, type, reason.
  const aborted = { ...rolloutControllerTarget(namespace), name: "website", type: "Warning", reason: "RolloutAborted" };
  const paused = env.monitoring.maxPausedMinutes;
  return [
    {
      // The phases v1.9.1 really exports (controller/metrics/rollouts.go, calculatePhase); one series per phase.
      name: "RolloutDegraded fires on an aborted Rollout and resolves once it completes again",
      interval: "1m",
      input_series: [
        { series: series("rollout_info", { ...rollout, phase: "Abort" }), values: "1x20 0x30" },
        { series: series("rollout_info", { ...rollout, phase: "Completed" }), values: "0x20 1x30" },
      ],
      alert_rule_test: [
        expectAt("10m", "rolloutDegraded", [firing(env, "rolloutDegraded", { ...rollout, phase: "Abort" })]),
        expectAt("40m", "rolloutDegraded", []),
      ],
    },
    {
      name: "RolloutDegraded fires on a missed progress deadline",
      interval: "1m",
      input_series: [{ series: series("rollout_info", { ...rollout, phase: "Timeout" }), values: "1x20" }],
      alert_rule_test: [
        expectAt("10m", "rolloutDegraded", [firing(env, "rolloutDegraded", { ...rollout, phase: "Timeout" })]),
      ],
    },
    {
      name: "RolloutAborted fires on the abort event and resolves",
      interval: "1m",
      input_series: [{ series: series("rollout_events_total", aborted), values: "0x10 1x40" }],
      alert_rule_test: [
        expectAt("15m", "rolloutAborted", [firing(env, "rolloutAborted", aborted)]),
        expectAt("40m", "rolloutAborted", []),
      ],
    },
    {
      name: "RolloutPausedTooLong fires after the limit and resolves on promote",
      interval: "1m",
      input_series: [
        { series: series("rollout_info", { ...rollout, phase: "Paused" }), values: `1x${paused + 30} 0x30` },
      ],
      alert_rule_test: [
        expectAt(`${paused - 10}m`, "rolloutPausedTooLong", []),
        expectAt(`${paused + 10}m`, "rolloutPausedTooLong", [
          firing(env, "rolloutPausedTooLong", { ...rollout, phase: "Paused" }),
        ]),
        expectAt(`${paused + 50}m`, "rolloutPausedTooLong", []),
      ],
    },
    {
      name: "HPA at max for 15 minutes fires and resolves",
      interval: "1m",
      input_series: [
        { series: series("kube_horizontalpodautoscaler_status_current_replicas", hpa), values: "20x25 10x20" },
        { series: series("kube_horizontalpodautoscaler_spec_max_replicas", hpa), values: "20x45" },
      ],
      alert_rule_test: [
        // `on (namespace, horizontalpodautoscaler)` keeps only the matching labels.
        expectAt("20m", "hpaMaxedOut", [firing(env, "hpaMaxedOut", { namespace, horizontalpodautoscaler: "website" })]),
        expectAt("40m", "hpaMaxedOut", []),
      ],
    },
    {
      name: "a crash-looping pod fires and resolves",
      interval: "1m",
      input_series: [{ series: series("kube_pod_container_status_waiting_reason", pod), values: "1x25 0x30" }],
      alert_rule_test: [
        expectAt("20m", "podCrashLooping", [firing(env, "podCrashLooping", pod)]),
        expectAt("50m", "podCrashLooping", []),
      ],
    },
    {
      name: "an ExternalSecret not Ready fires and resolves",
      interval: "1m",
      input_series: [{ series: series("externalsecret_status_condition", secret), values: "1x25 0x20" }],
      alert_rule_test: [
        expectAt("20m", "externalSecretNotSynced", [firing(env, "externalSecretNotSynced", secret)]),
        expectAt("40m", "externalSecretNotSynced", []),
      ],
    },
  ];
}

export const SUITES = {
  availability: availabilitySuites,
  latency: latencySuites,
  operational: operationalSuites,
} as const;
