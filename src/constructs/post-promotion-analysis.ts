import type { Construct } from "constructs";
import { AnalysisTemplate } from "../../imports/argo-rollouts-analysis-template-argoproj.io";
import type { WorkloadConfig } from "../env";
import type { ReleaseGates } from "../slo/gates";
import { sloGateMetrics } from "./analysis-metric";
import { ANALYSIS_ARGS } from "./analysis-names";
import { commonLabels, type WorkloadIdentity } from "./labels";
import { SYNC_WAVE, syncWave } from "./sync-wave";

export interface PostPromotionAnalysisProps {
  readonly identity: WorkloadIdentity;
  readonly name: string;
  readonly workload: WorkloadConfig;
  readonly gates: ReleaseGates;
  readonly prometheusAddress: string;
}

/**
 * Gates the new version on real production traffic after the switch, while
 * the old ReplicaSet still runs: a failure here rolls traffic back at once.
 * It reads the new pods by their pod-template hash, not by role: they still carry the preview
 * role until this analysis has succeeded.
 */
export class PostPromotionAnalysis extends AnalysisTemplate {
  constructor(scope: Construct, id: string, props: PostPromotionAnalysisProps) {
    const { workload, gates, prometheusAddress } = props;
    const gate = workload.analysis.postPromotion;
    const window = workload.analysis.rateWindowSeconds;
    super(scope, id, {
      metadata: { name: props.name, labels: commonLabels(props.identity), annotations: syncWave(SYNC_WAVE.supporting) },
      spec: {
        args: [ANALYSIS_ARGS.namespace, ANALYSIS_ARGS.metricsService, ANALYSIS_ARGS.podTemplateHash].map((name) => ({
          name,
        })),
        metrics: sloGateMetrics("", gate, gates, prometheusAddress, window),
      },
    });
  }
}
