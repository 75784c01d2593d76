import type { EnvConfig } from "../../src/env";
import { find, type Manifest, manifestsOf } from "./fixtures";

/** A rendered Prometheus gate with its args already known. */
export interface PrometheusGate {
  readonly template: string;
  readonly metric: string;
  readonly query: string;
  readonly successCondition: string;
  readonly failureCondition: string;
  /** The values the Rollout passes to this template, namespace still to be filled in. */
  readonly args: Readonly<Record<string, string>>;
}

/**
 * Every Prometheus gate of an env, paired with the args its Rollout passes:
 * literal values as rendered, the `metadata.namespace` fieldRef resolved to
 * `namespace` the way the controller resolves it from the Rollout.
 */
export function prometheusGates(config: EnvConfig, namespace: string): PrometheusGate[] {
  const manifests = manifestsOf(config);
  const blueGreen = find(manifests, "Rollout", "website").spec.strategy.blueGreen;
  return [blueGreen.prePromotionAnalysis, blueGreen.postPromotionAnalysis].flatMap((analysis: Manifest) => {
    const args: Record<string, string> = {};
    for (const arg of analysis.args as Manifest[]) {
      args[arg.name] = arg.valueFrom?.fieldRef?.fieldPath === "metadata.namespace" ? namespace : arg.value;
    }
    const template = find(manifests, "AnalysisTemplate", analysis.templates[0].templateName);
    return (template.spec.metrics as Manifest[])
      .filter((metric) => metric.provider.prometheus !== undefined)
      .map((metric) => ({
        template: template.metadata.name,
        metric: metric.name,
        query: metric.provider.prometheus.query,
        successCondition: metric.successCondition,
        failureCondition: metric.failureCondition,
        args,
      }));
  });
}
