import {
  type AnalysisTemplateSpecMetrics,
  AnalysisTemplateSpecMetricsConsecutiveErrorLimit,
  AnalysisTemplateSpecMetricsCount,
  AnalysisTemplateSpecMetricsFailureLimit,
  AnalysisTemplateSpecMetricsInconclusiveLimit,
  type AnalysisTemplateSpecMetricsProvider,
} from "../../imports/argo-rollouts-analysis-template-argoproj.io";
import type { MeasurementConfig } from "../env";
import type { ThresholdConditions } from "../slo/conditions";

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
