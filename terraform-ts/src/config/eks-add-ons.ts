/**
 * EKS add-on versions, pinned per Kubernetes minor: an EKS upgrade (environments.ts EKS_VERSION) has no
 * entry here until someone picks the add-on versions AWS publishes for it (`aws eks describe-addon-versions
 * --kubernetes-version <minor> --addon-name <name>`), so the two cannot drift apart.
 *
 * 1.34: vpc-cni v1.21.1-eksbuild.3 and aws-ebs-csi-driver v1.56.0-eksbuild.1, the versions pinned for
 * EKS 1.34 clusters in public configurations (cookpad/terraform-aws-eks PR #398 moved to vpc-cni 1.21.1 and
 * aws-ebs-csi-driver 1.56.0 "to support intermediate upgrade before upgrading to k8s 1.34"; other public
 * 1.34 and 1.35 configurations pin these exact build strings). Network policy enforcement needs vpc-cni
 * 1.14 or newer (EKS user guide, "Restrict Pod network traffic with Kubernetes network policies").
 */
/**
 * The CSI provisioner each storage add-on registers. A StorageClass rendered on the GitOps side may only name
 * one of these (test/addons/storage-classes.test.ts), and terraform-ts installs each of these add-ons
 * (test/cluster-add-ons.test.ts): together they keep a PVC from waiting for a driver the cluster lacks.
 */
export const CSI_PROVISIONERS = { "aws-ebs-csi-driver": "ebs.csi.aws.com" } as const;

export interface EksAddOnVersions {
  readonly vpcCni: string;
  readonly ebsCsiDriver: string;
}

export const EKS_ADD_ON_VERSIONS: Readonly<Record<string, EksAddOnVersions>> = {
  "1.34": { vpcCni: "v1.21.1-eksbuild.3", ebsCsiDriver: "v1.56.0-eksbuild.1" },
};

/** The add-on versions for a cluster version; a version nobody pinned add-ons for is a synth error. */
export function eksAddOnVersions(kubernetesVersion: string): EksAddOnVersions {
  const versions = EKS_ADD_ON_VERSIONS[kubernetesVersion];
  if (versions === undefined) {
    throw new Error(
      `eks.version ${kubernetesVersion}: no EKS add-on versions pinned in src/config/eks-add-ons.ts (have: ${Object.keys(EKS_ADD_ON_VERSIONS).join(", ")})`,
    );
  }
  return versions;
}
