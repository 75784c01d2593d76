import { k8s } from "cdk8s-plus-28";
import type { Construct } from "constructs";
import { commonLabels, type WorkloadIdentity } from "./labels";

/**
 * The workload's own identity (IRSA hangs off it later). No token is mounted:
 * the website never calls the Kubernetes API.
 */
export class WorkloadServiceAccount extends k8s.KubeServiceAccount {
  constructor(scope: Construct, id: string, identity: WorkloadIdentity) {
    super(scope, id, {
      metadata: { name: identity.workload, labels: commonLabels(identity) },
      automountServiceAccountToken: false,
    });
  }
}
