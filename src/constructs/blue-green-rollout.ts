import type { Construct } from "constructs";
import { Rollout } from "../../imports/argo-rollouts-rollout-argoproj.io";
import type { WorkloadConfig } from "../env";
import { ANALYSIS_ARGS } from "./analysis-names";
import { commonLabels, ROLE_LABEL, selectorLabels, type WorkloadIdentity } from "./labels";
import type { PodTemplateJson } from "./pod-template";
import { SYNC_WAVE, syncWave } from "./sync-wave";

export interface BlueGreenRolloutProps {
  readonly identity: WorkloadIdentity;
  readonly podTemplate: PodTemplateJson;
  readonly activeServiceName: string;
  readonly previewServiceName: string;
  readonly metricsServiceName: string;
  readonly analysisTemplates: { readonly prePromotion: string; readonly postPromotion: string };
  readonly policy: WorkloadConfig["rollout"];
}

/**
 * Args for a gate on the new release: the namespace comes from the Rollout itself, the release's
 * pods are those of the new ReplicaSet's pod-template hash, before and after the switch alike.
 */
function analysisArgs(props: BlueGreenRolloutProps) {
  return [
    { name: ANALYSIS_ARGS.namespace, valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
    { name: ANALYSIS_ARGS.metricsService, value: props.metricsServiceName },
    { name: ANALYSIS_ARGS.podTemplateHash, valueFrom: { podTemplateHashValue: "Latest" } },
  ];
}

/**
 * An Argo Rollouts blue/green Rollout with the pod template inline.
 *
 * Deliberately absent: `spec.replicas` (the HPA owns it; a value here would
 * fight the autoscaler on every sync), `autoPromotionSeconds` (it would mark a
 * running analysis successful), `spec.paused` and `workloadRef` (the HPA gets
 * no metrics through it).
 */
export class BlueGreenRollout extends Rollout {
  private readonly podTemplate: PodTemplateJson;

  constructor(scope: Construct, id: string, props: BlueGreenRolloutProps) {
    const { policy, identity } = props;
    super(scope, id, {
      metadata: { name: identity.workload, labels: commonLabels(identity), annotations: syncWave(SYNC_WAVE.workload) },
      spec: {
        selector: { matchLabels: selectorLabels(identity) },
        revisionHistoryLimit: policy.revisionHistoryLimit,
        // A release whose pods never become ready is aborted, not left half-done.
        progressDeadlineSeconds: 600,
        progressDeadlineAbort: true,
        strategy: {
          blueGreen: {
            activeService: props.activeServiceName,
            previewService: props.previewServiceName,
            autoPromotionEnabled: policy.autoPromotionEnabled,
            previewReplicaCount: policy.previewReplicaCount,
            scaleDownDelaySeconds: policy.scaleDownDelaySeconds,
            // Bounds the peak: without it every old ReplicaSet still inside its delay keeps running at full
            // size (rollout/replicaset.go scaleDownDelayHelper; nil means no limit), so the quota and the
            // node groups could not be sized (src/capacity/peak.ts counts (2 + this) x maxReplicas).
            scaleDownDelayRevisionLimit: policy.scaleDownDelayRevisionLimit,
            abortScaleDownDelaySeconds: policy.abortScaleDownDelaySeconds,
            // Staging promotes itself once this passes; production waits for a human after it.
            prePromotionAnalysis: {
              templates: [{ templateName: props.analysisTemplates.prePromotion }],
              args: [...analysisArgs(props), { name: ANALYSIS_ARGS.previewService, value: props.previewServiceName }],
            },
            // After the switch the new pods serve all production traffic (still labelled preview: see POD_TEMPLATE_HASH_LABEL).
            postPromotionAnalysis: {
              templates: [{ templateName: props.analysisTemplates.postPromotion }],
              args: analysisArgs(props),
            },
            // For people reading `kubectl get pods`; no query or selector relies on them.
            activeMetadata: { labels: { [ROLE_LABEL]: "active" } },
            previewMetadata: { labels: { [ROLE_LABEL]: "preview" } },
          },
        },
      },
    });
    this.podTemplate = props.podTemplate;
  }

  /**
   * The documented `any` boundary: the generated converter would drop fields
   * of a cdk8s-plus template (int-or-string ports), so the already rendered
   * template is put in after it ran.
   */
  // biome-ignore lint/suspicious/noExplicitAny: ApiObject.toJson() is typed any upstream.
  public override toJson(): any {
    const json = super.toJson();
    json.spec.template = this.podTemplate;
    return json;
  }
}
