import { k8s } from "cdk8s-plus-28";
import type { Construct } from "constructs";
import { commonLabels, selectorLabels, type WorkloadIdentity } from "../meta/labels";
import { SYNC_WAVE, syncWave } from "../meta/sync-wave";

export interface DisruptionBudgetProps {
  readonly identity: WorkloadIdentity;
  readonly minAvailable: number;
}

/** Keeps `minAvailable` pods through node drains and spot interruptions. */
export class DisruptionBudget extends k8s.KubePodDisruptionBudget {
  constructor(scope: Construct, id: string, props: DisruptionBudgetProps) {
    super(scope, id, {
      metadata: {
        name: props.identity.workload,
        labels: commonLabels(props.identity),
        annotations: syncWave(SYNC_WAVE.supporting),
      },
      spec: {
        minAvailable: k8s.IntOrString.fromNumber(props.minAvailable),
        selector: { matchLabels: selectorLabels(props.identity) },
        // A crash-looping pod must not block a drain: it serves nothing anyway.
        unhealthyPodEvictionPolicy: "AlwaysAllow",
      },
    });
  }
}
