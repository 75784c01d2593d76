import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import type { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Construct } from "constructs";
import { accountRootArn, envResourceName } from "../config/naming";
import type { EnvConfig } from "../config/types";

/** The AWS-managed EKS access policy that grants cluster-admin (EKS user guide, "access policy permissions"). */
export const CLUSTER_ADMIN_POLICY_ARN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

export interface ClusterAdminAccessProps {
  readonly env: EnvConfig;
  readonly cluster: EksCluster;
}

/**
 * The cluster's administrators, declared: an IAM role (`candlefish-<env>-cluster-admin`) that people of
 * the account assume with MFA, with an EKS access entry and the cluster-admin access policy. Without it
 * the only admin is whoever created the cluster (bootstrap_cluster_creator_admin_permissions), so when CI
 * applies, the operators are locked out; with it, the cluster creator needs no standing admin rights.
 */
export class ClusterAdminAccess extends Construct {
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ClusterAdminAccessProps) {
    super(scope, id);
    const { env, cluster } = props;
    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          // The account's IAM decides who may assume it (an operators' group policy); MFA is required on top.
          principals: [{ type: "AWS", identifiers: [accountRootArn(env)] }],
          condition: [{ test: "Bool", variable: "aws:MultiFactorAuthPresent", values: ["true"] }],
        },
      ],
    });
    this.role = new IamRole(this, "role", {
      name: envResourceName(env, "cluster-admin"),
      description: `Break-glass administrator of EKS cluster ${envResourceName(env)} (assumed with MFA)`,
      assumeRolePolicy: trust.json,
      maxSessionDuration: 3600,
    });
    const entry = new EksAccessEntry(this, "entry", {
      clusterName: cluster.name,
      principalArn: this.role.arn,
      type: "STANDARD",
    });
    new EksAccessPolicyAssociation(this, "admin-policy", {
      clusterName: cluster.name,
      principalArn: this.role.arn,
      policyArn: CLUSTER_ADMIN_POLICY_ARN,
      accessScope: { type: "cluster" },
      dependsOn: [entry],
    });
  }
}
