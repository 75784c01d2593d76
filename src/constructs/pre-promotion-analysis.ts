import type { Construct } from "constructs";
import { AnalysisTemplate } from "../../imports/argo-rollouts-analysis-template-argoproj.io";
import type { AnalysisConfig, WorkloadConfig } from "../env";
import { equalsText } from "../slo/conditions";
import type { ReleaseGates } from "../slo/gates";
import { analysisMetric, sloGateMetrics } from "./analysis-metric";
import { ANALYSIS_ARGS } from "./analysis-names";
import { commonLabels, type WorkloadIdentity } from "./labels";
import { serviceHttpPort } from "./rollout-services";
import { smokeTestJobSpec } from "./smoke-test-job";
import { SYNC_WAVE, syncWave } from "./sync-wave";

export interface PrePromotionAnalysisProps {
  readonly identity: WorkloadIdentity;
  readonly name: string;
  readonly workload: WorkloadConfig;
  readonly gates: ReleaseGates;
  readonly prometheusAddress: string;
  readonly smokeImage: string;
}

const SMOKE_METRIC = "smoke-traffic";
/** A minute of health checks through the preview Service while the smoke Job runs. */
const HEALTH_CHECKS = { initialDelaySeconds: 0, intervalSeconds: 10, count: 6 };
const previewHost = `{{args.${ANALYSIS_ARGS.previewService}}}.{{args.${ANALYSIS_ARGS.namespace}}}.svc.cluster.local`;
/** The preview Service's address; its port is the container's (see serviceHttpPort), never an implicit 80. */
const previewUrl = (workload: WorkloadConfig, path: string) =>
  `http://${previewHost}:${serviceHttpPort(workload)}${path}`;

/**
 * Gates the preview before it gets any user: the preview Service gets no
 * production traffic, so these gates make their own. A health probe through
 * the preview Service, a smoke Job sending synthetic requests through it, and
 * Prometheus gates on exactly that traffic (the preview role's series).
 */
export class PrePromotionAnalysis extends AnalysisTemplate {
  private readonly smokeJobSpec: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: PrePromotionAnalysisProps) {
    const { workload, gates, prometheusAddress } = props;
    const gate: AnalysisConfig["prePromotion"] = workload.analysis.prePromotion;
    const window = workload.analysis.rateWindowSeconds;
    super(scope, id, {
      metadata: { name: props.name, labels: commonLabels(props.identity), annotations: syncWave(SYNC_WAVE.supporting) },
      spec: {
        args: Object.values(ANALYSIS_ARGS).map((name) => ({ name })),
        metrics: [
          analysisMetric("preview-health", { ...gate, ...HEALTH_CHECKS }, equalsText("ok"), {
            web: { url: previewUrl(workload, workload.healthPath), jsonPath: "{$.status}", timeoutSeconds: 5 },
          }),
          // Runs once; the Job's own exit code is the measurement.
          { name: SMOKE_METRIC, provider: { job: { spec: { template: {} } } } },
          ...sloGateMetrics("preview-", gate, gates, prometheusAddress, window),
        ],
      },
    });
    this.smokeJobSpec = smokeTestJobSpec({
      identity: props.identity,
      image: props.smokeImage,
      url: previewUrl(workload, "/"),
      requests: gate.smokeRequests,
      allowedFailures: gates.allowedSmokeFailures(gate.smokeRequests),
    });
  }

  /** The same `any` boundary as the Rollout: the Job's pod template goes in after the converter ran. */
  // biome-ignore lint/suspicious/noExplicitAny: ApiObject.toJson() is typed any upstream.
  public override toJson(): any {
    const json = super.toJson();
    const smoke = json.spec.metrics.find((metric: { name: string }) => metric.name === SMOKE_METRIC);
    smoke.provider.job.spec = this.smokeJobSpec;
    return json;
  }
}
