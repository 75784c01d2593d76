import {
  type AnalysisTemplateSpecMetrics,
  AnalysisTemplateSpecMetricsConsecutiveErrorLimit,
  AnalysisTemplateSpecMetricsCount,
  AnalysisTemplateSpecMetricsFailureLimit,
  AnalysisTemplateSpecMetricsInconclusiveLimit,
  type AnalysisTemplateSpecMetricsProvider,
} from "../../../imports/argo-rollouts-analysis-template-argoproj.io";
import type { MeasurementConfig } from "../../env";
import { atMost, type ThresholdConditions } from "../../slo/conditions";
import type { ReleaseGates } from "../../slo/gates";
import { errorRatioQuery, latencyP95Query } from "../../slo/promql";

type Conditions = Partial<ThresholdConditions>;

/** One gate of an AnalysisTemplate with the env's timing and limits. */
export function analysisMetric(
  name: string,
  gate: MeasurementConfig,
  conditions: Conditions,
  provider: AnalysisTemplateSpecMetricsProvider,
): AnalysisTemplateSpecMetrics {
  return {
    name,
    initialDelay: gate.initialDelaySeconds > 0 ? `${gate.initialDelaySeconds}s` : undefined,
    interval: `${gate.intervalSeconds}s`,
    count: AnalysisTemplateSpecMetricsCount.fromNumber(gate.count),
    failureLimit: AnalysisTemplateSpecMetricsFailureLimit.fromNumber(gate.failureLimit),
    inconclusiveLimit: AnalysisTemplateSpecMetricsInconclusiveLimit.fromNumber(gate.inconclusiveLimit),
    consecutiveErrorLimit: AnalysisTemplateSpecMetricsConsecutiveErrorLimit.fromNumber(gate.consecutiveErrorLimit),
    ...conditions,
    provider,
  };
}

/** A Prometheus instant query; 30 s timeout so a slow Prometheus is an error, not a hang. */
export function prometheusProvider(address: string, query: string): AnalysisTemplateSpecMetricsProvider {
  return { prometheus: { address, query, timeout: 30 } };
}

/** The two Prometheus gates both analyses run: error ratio and p95 latency, thresholds from the SLO. */
export function sloGateMetrics(
  namePrefix: string,
  gate: MeasurementConfig,
  gates: ReleaseGates,
  prometheusAddress: string,
  windowSeconds: number,
): AnalysisTemplateSpecMetrics[] {
  return [
    analysisMetric(
      `${namePrefix}error-rate`,
      gate,
      atMost(gates.maxErrorRatio),
      prometheusProvider(prometheusAddress, errorRatioQuery(windowSeconds)),
    ),
    analysisMetric(
      `${namePrefix}latency-p95`,
      gate,
      atMost(gates.maxP95Seconds),
      prometheusProvider(prometheusAddress, latencyP95Query(windowSeconds)),
    ),
  ];
}
