import { k8s } from "cdk8s-plus-28";
import type { Construct } from "constructs";
import { commonLabels, type WorkloadIdentity } from "../meta/labels";
import { SYNC_WAVE, syncWave } from "../meta/sync-wave";

/**
 * The workload's own identity: its IRSA role reads the workload's secrets
 * (External Secrets authenticates as it). No Kubernetes API token is
 * mounted: the website never calls the Kubernetes API.
 */
export class WorkloadServiceAccount extends k8s.KubeServiceAccount {
  constructor(scope: Construct, id: string, identity: WorkloadIdentity, roleArn: string) {
    super(scope, id, {
      metadata: {
        name: identity.workload,
        labels: commonLabels(identity),
        annotations: { ...syncWave(SYNC_WAVE.prerequisites), "eks.amazonaws.com/role-arn": roleArn },
      },
      automountServiceAccountToken: false,
    });
  }
}
