import { k8s } from "cdk8s-plus-28";
import type { Construct } from "constructs";
import type { WorkloadConfig } from "../../env";
import { commonLabels, type WorkloadIdentity } from "../meta/labels";
import { SYNC_WAVE, syncWave } from "../meta/sync-wave";

export interface RolloutAutoscalerProps {
  readonly identity: WorkloadIdentity;
  readonly rolloutName: string;
  readonly hpa: WorkloadConfig["hpa"];
}

function utilization(name: "cpu" | "memory", averageUtilization: number): k8s.MetricSpecV2 {
  return { type: "Resource", resource: { name, target: { type: "Utilization", averageUtilization } } };
}

/**
 * The HPA that owns the Rollout's replica count. Metrics and behavior are
 * written in full and in a fixed order: the API server would fill missing
 * defaults and Argo CD would then show a diff forever.
 */
export class RolloutAutoscaler extends k8s.KubeHorizontalPodAutoscalerV2 {
  constructor(scope: Construct, id: string, props: RolloutAutoscalerProps) {
    const { hpa, identity } = props;
    super(scope, id, {
      metadata: { name: identity.workload, labels: commonLabels(identity), annotations: syncWave(SYNC_WAVE.workload) },
      spec: {
        scaleTargetRef: { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: props.rolloutName },
        minReplicas: hpa.minReplicas,
        maxReplicas: hpa.maxReplicas,
        metrics: [utilization("cpu", hpa.targetCpuUtilization), utilization("memory", hpa.targetMemoryUtilization)],
        behavior: {
          // Scale up at once (double, or +4 pods, per minute): traffic spikes hurt p95 first.
          scaleUp: {
            stabilizationWindowSeconds: 0,
            selectPolicy: "Max",
            policies: [
              { type: "Percent", value: 100, periodSeconds: 60 },
              { type: "Pods", value: 4, periodSeconds: 60 },
            ],
          },
          // Scale down slowly (10 % a minute after 5 quiet minutes) to avoid flapping.
          scaleDown: {
            stabilizationWindowSeconds: 300,
            selectPolicy: "Max",
            policies: [{ type: "Percent", value: 10, periodSeconds: 60 }],
          },
        },
      },
    });
  }
}
