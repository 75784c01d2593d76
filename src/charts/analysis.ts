import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import { analysisTemplateNames, PostPromotionAnalysis, PrePromotionAnalysis } from "../constructs/analysis";
import { imageReference, type WorkloadIdentity } from "../constructs/meta";
import type { EnvConfig } from "../env";
import { releaseGates } from "../slo/gates";

/** The release gates of every workload, thresholds derived from the env's SLO. */
export class AnalysisChart extends Chart {
  constructor(scope: Construct, env: EnvConfig) {
    super(scope, "analysis", { namespace: env.namespace, disableResourceNameHashes: true });
    const gates = releaseGates(env.slo);
    for (const [workloadName, workload] of Object.entries(env.workloads)) {
      const identity: WorkloadIdentity = { env: env.name, workload: workloadName };
      const names = analysisTemplateNames(identity);
      new PrePromotionAnalysis(this, `${workloadName}-pre-promotion`, {
        identity,
        name: names.prePromotion,
        workload,
        gates,
        prometheusAddress: env.prometheus.address,
        smokeImage: imageReference(workload.analysis.prePromotion.smokeImage),
      });
      new PostPromotionAnalysis(this, `${workloadName}-post-promotion`, {
        identity,
        name: names.postPromotion,
        workload,
        gates,
        prometheusAddress: env.prometheus.address,
      });
    }
  }
}
