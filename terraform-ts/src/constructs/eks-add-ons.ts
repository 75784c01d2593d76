import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import type { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { type CSI_PROVISIONERS, eksAddOnVersions } from "../config/eks-add-ons";
import { envResourceName } from "../config/naming";
import type { EnvConfig } from "../config/types";
import type { KubernetesCluster } from "./eks-cluster";
import { IrsaRole } from "./irsa-role";

/** The EBS CSI controller's ServiceAccount, as the aws-ebs-csi-driver add-on creates it. */
export const EBS_CSI_SERVICE_ACCOUNT = { namespace: "kube-system", name: "ebs-csi-controller-sa" } as const;

/**
 * The VPC CNI's own settings (its add-on configuration schema): the network policy agent only enforces
 * NetworkPolicies when this is on; without it every policy in dist/ is accepted and ignored.
 */
export const VPC_CNI_CONFIGURATION = { enableNetworkPolicy: "true" } as const;

export interface EksAddOnsProps {
  readonly env: EnvConfig;
  readonly cluster: KubernetesCluster;
  /** The EBS CSI controller runs on them: EKS reports the add-on degraded until a node can take it. */
  readonly nodeGroups: readonly EksNodeGroup[];
}

/**
 * The EKS-managed add-ons the GitOps side relies on, at pinned versions: the VPC CNI with network policy
 * enforcement, and the EBS CSI driver (provisioner `ebs.csi.aws.com`) that binds the gp3 StorageClass the
 * Prometheus volumes ask for. OVERWRITE: EKS installs a self-managed vpc-cni with every cluster, and this
 * configuration, not whatever was edited in the cluster, is what must run.
 */
export class EksAddOns extends Construct {
  public readonly vpcCni: EksAddon;
  public readonly ebsCsiDriver: EksAddon;
  public readonly ebsCsiRole: IrsaRole;

  constructor(scope: Construct, id: string, props: EksAddOnsProps) {
    super(scope, id);
    const { env, cluster } = props;
    const versions = eksAddOnVersions(env.eks.version);
    const common = {
      clusterName: cluster.cluster.name,
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
    };

    this.vpcCni = new EksAddon(this, "vpc-cni", {
      ...common,
      addonName: "vpc-cni",
      addonVersion: versions.vpcCni,
      configurationValues: JSON.stringify(VPC_CNI_CONFIGURATION),
    });

    this.ebsCsiRole = new IrsaRole(this, "ebs-csi-driver-role", {
      roleName: envResourceName(env, "ebs-csi-driver"),
      oidcProviderArn: cluster.oidcProvider.arn,
      oidcIssuerHostPath: cluster.oidcIssuerHostPath,
      serviceAccount: EBS_CSI_SERVICE_ACCOUNT,
      // Permissions come from the AWS-managed policy below, which AWS keeps in step with the driver.
      statements: [],
    });
    new IamRolePolicyAttachment(this, "ebs-csi-driver-policy", {
      role: this.ebsCsiRole.role.name,
      policyArn: "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
    });
    const ebsCsiDriver: keyof typeof CSI_PROVISIONERS = "aws-ebs-csi-driver";
    this.ebsCsiDriver = new EksAddon(this, ebsCsiDriver, {
      ...common,
      addonName: ebsCsiDriver,
      addonVersion: versions.ebsCsiDriver,
      serviceAccountRoleArn: this.ebsCsiRole.arn,
      dependsOn: [...props.nodeGroups],
    });
  }
}
