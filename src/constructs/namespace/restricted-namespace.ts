import { k8s } from "cdk8s-plus-28";
import type { Construct } from "constructs";
import { NEVER_DELETE } from "../../addons/sync-options";
import { SYNC_WAVE, syncWave } from "../meta/sync-wave";

export interface RestrictedNamespaceProps {
  readonly name: string;
  readonly labels: Record<string, string>;
  /** Pins `enforce` to the cluster's version; audit and warn follow `latest` to show what is coming. */
  readonly kubernetesVersion: string;
}

/**
 * A namespace where Pod Security Admission enforces the `restricted` profile. Argo CD never
 * deletes it (a renamed file or a deleted Application would take the whole env with it).
 */
export class RestrictedNamespace extends k8s.KubeNamespace {
  constructor(scope: Construct, id: string, props: RestrictedNamespaceProps) {
    super(scope, id, {
      metadata: {
        name: props.name,
        annotations: { ...syncWave(SYNC_WAVE.namespace), ...NEVER_DELETE },
        labels: {
          ...props.labels,
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/enforce-version": `v${props.kubernetesVersion}`,
          "pod-security.kubernetes.io/audit": "restricted",
          "pod-security.kubernetes.io/audit-version": "latest",
          "pod-security.kubernetes.io/warn": "restricted",
          "pod-security.kubernetes.io/warn-version": "latest",
        },
      },
    });
  }
}
