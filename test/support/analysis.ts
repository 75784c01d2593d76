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
 * `namespace` and `podTemplateHashValue: Latest` to `latestHash`, the way the controller resolves
 * them (utils/analysis/factory.go, BuildArgumentsForRolloutAnalysisRun: the new ReplicaSet's hash).
 */
export function prometheusGates(config: EnvConfig, namespace: string, latestHash: string): PrometheusGate[] {
  const manifests = manifestsOf(config);
  const blueGreen = find(manifests, "Rollout", "website").spec.strategy.blueGreen;
  return [blueGreen.prePromotionAnalysis, blueGreen.postPromotionAnalysis].flatMap((analysis: Manifest) => {
    const args: Record<string, string> = {};
    for (const arg of analysis.args as Manifest[]) {
      if (arg.valueFrom?.fieldRef?.fieldPath === "metadata.namespace") args[arg.name] = namespace;
      else if (arg.valueFrom?.podTemplateHashValue === "Latest") args[arg.name] = latestHash;
      else if (arg.valueFrom === undefined) args[arg.name] = arg.value;
      else throw new Error(`arg ${arg.name}: no resolver for ${JSON.stringify(arg.valueFrom)}`);
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
