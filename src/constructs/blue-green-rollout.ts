import type { Construct } from "constructs";
import { Rollout } from "../../imports/argo-rollouts-rollout-argoproj.io";
import type { WorkloadConfig } from "../env";
import { commonLabels, ROLE_LABEL, selectorLabels, type WorkloadIdentity } from "./labels";
import type { PodTemplateJson } from "./pod-template";

export interface BlueGreenRolloutProps {
  readonly identity: WorkloadIdentity;
  readonly podTemplate: PodTemplateJson;
  readonly activeServiceName: string;
  readonly previewServiceName: string;
  readonly policy: WorkloadConfig["rollout"];
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
      metadata: { name: identity.workload, labels: commonLabels(identity) },
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
            abortScaleDownDelaySeconds: policy.abortScaleDownDelaySeconds,
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
