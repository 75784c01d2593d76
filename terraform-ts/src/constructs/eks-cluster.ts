import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { envResourceName } from "../config/naming";
import type { EnvConfig } from "../config/types";
import { EncryptedLogGroup } from "./encrypted-log-group";

/** All five control-plane log types: the audit log is what answers "who did this". */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

export interface EksClusterProps {
  readonly env: EnvConfig;
  readonly subnetIds: readonly string[];
  readonly secretsKeyArn: string;
  readonly logsKeyArn: string;
}

/** The control plane, its audit trail, and the OIDC issuer that IRSA trusts. */
export class KubernetesCluster extends Construct {
  public readonly cluster: EksCluster;
  public readonly oidcProvider: IamOpenidConnectProvider;
  /** Issuer without "https://", the prefix of the IRSA condition keys. */
  public readonly oidcIssuerHostPath: string;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    const { env } = props;
    const clusterName = envResourceName(env);

    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          actions: ["sts:AssumeRole", "sts:TagSession"],
          principals: [{ type: "Service", identifiers: ["eks.amazonaws.com"] }],
        },
      ],
    });
    const role = new IamRole(this, "role", { name: envResourceName(env, "eks-cluster"), assumeRolePolicy: trust.json });
    new IamRolePolicyAttachment(this, "cluster-policy", {
      role: role.name,
      policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
    });

    // Created here rather than by EKS so it is encrypted and has a retention; EKS writes to this exact name.
    const logGroup = new EncryptedLogGroup(this, "logs", {
      name: `/aws/eks/${clusterName}/cluster`,
      kmsKeyArn: props.logsKeyArn,
    });

    this.cluster = new EksCluster(this, "cluster", {
      name: clusterName,
      version: env.eks.version,
      roleArn: role.arn,
      vpcConfig: {
        subnetIds: [...props.subnetIds],
        // Nodes and in-VPC tooling reach the API privately.
        endpointPrivateAccess: true,
        // Operators and CI reach it from the configured addresses only.
        endpointPublicAccess: true,
        publicAccessCidrs: [...env.eks.publicAccessCidrs],
      },
      // Kubernetes Secrets are envelope-encrypted in etcd with our key, not only AWS's disk encryption.
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: props.secretsKeyArn } },
      enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
      // Access entries (IAM API) instead of the aws-auth ConfigMap, which a bad edit can lock everyone out with.
      // Admins are declared (ClusterAdminAccess), so whoever applies (CI) gets no standing cluster-admin.
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      // STANDARD: at the end of standard support EKS upgrades the control plane instead of billing
      // extended support (six times the hourly price) for a version nobody chose to keep.
      upgradePolicy: { supportType: "STANDARD" },
      dependsOn: [logGroup.logGroup],
    });

    const issuer = this.cluster.identity.get(0).oidc.get(0).issuer;
    this.oidcIssuerHostPath = Fn.replace(issuer, "https://", "");
    // No thumbprint: IAM validates EKS issuers against its own trusted CAs.
    this.oidcProvider = new IamOpenidConnectProvider(this, "oidc", {
      url: issuer,
      clientIdList: ["sts.amazonaws.com"],
    });
  }
}
