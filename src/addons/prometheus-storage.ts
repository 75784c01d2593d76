import type { EnvConfig } from "../env";

/** The cluster's encrypted gp3 class, served by the EBS CSI driver terraform-ts installs (aws-ebs-csi-driver add-on). */
export const STORAGE_CLASS = "gp3-encrypted";
const VOLUME_GIB = 50;
/** Prometheus deletes the oldest blocks past this, before the volume fills (WAL and compaction need headroom). */
const RETENTION_SIZE_GIB = 40;

/**
 * EBS volumes are zonal: `WaitForFirstConsumer` creates each where its pod is scheduled, so a
 * replica is never bound to a zone with no room for it. Retain keeps the SLO history when a
 * claim is deleted by mistake.
 */
export function storageClassObject(): Record<string, unknown> {
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: STORAGE_CLASS, labels: { "app.kubernetes.io/managed-by": "candlefish-gitops" } },
    provisioner: "ebs.csi.aws.com",
    parameters: { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" },
    reclaimPolicy: "Retain",
    volumeBindingMode: "WaitForFirstConsumer",
    allowVolumeExpansion: true,
  };
}

/**
 * What keeps Prometheus' data through a pod move to another (spot) node: two replicas, each with
 * its own gp3 claim, retention as long as the SLO window (the 30-day burn-rate windows and the
 * release gates read it back), and a size limit below the volume.
 */
export function prometheusStorageSpec(env: EnvConfig) {
  return {
    replicas: 2,
    retention: `${env.monitoring.sloWindowDays}d`,
    retentionSize: `${RETENTION_SIZE_GIB}GB`,
    storageSpec: {
      volumeClaimTemplate: {
        spec: {
          storageClassName: STORAGE_CLASS,
          accessModes: ["ReadWriteOnce"],
          resources: { requests: { storage: `${VOLUME_GIB}Gi` } },
        },
      },
    },
  };
}
