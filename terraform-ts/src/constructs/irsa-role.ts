import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";

export interface ServiceAccountRef {
  readonly namespace: string;
  readonly name: string;
}

export interface IrsaRoleProps {
  readonly roleName: string;
  readonly oidcProviderArn: string;
  readonly oidcIssuerHostPath: string;
  readonly serviceAccount: ServiceAccountRef;
  /** Inline permissions; empty when the role only needs to exist (see the caller's comment). */
  readonly statements: readonly DataAwsIamPolicyDocumentStatement[];
}

/**
 * An IAM role exactly one Kubernetes ServiceAccount can assume (IRSA).
 * The `sub` condition is what stops any other pod in the cluster from
 * presenting its own token and getting these permissions.
 */
export class IrsaRole extends Construct {
  public readonly role: IamRole;
  /** Kept for tests and reviews: the trust policy as synthesized. */
  public readonly trustPolicy: DataAwsIamPolicyDocument;

  constructor(scope: Construct, id: string, props: IrsaRoleProps) {
    super(scope, id);
    const { namespace, name } = props.serviceAccount;
    this.trustPolicy = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        {
          actions: ["sts:AssumeRoleWithWebIdentity"],
          principals: [{ type: "Federated", identifiers: [props.oidcProviderArn] }],
          condition: [
            {
              test: "StringEquals",
              variable: `${props.oidcIssuerHostPath}:sub`,
              values: [`system:serviceaccount:${namespace}:${name}`],
            },
            { test: "StringEquals", variable: `${props.oidcIssuerHostPath}:aud`, values: ["sts.amazonaws.com"] },
          ],
        },
      ],
    });
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      assumeRolePolicy: this.trustPolicy.json,
      // Web identity sessions of an hour; the SDKs refresh them from the projected token.
      maxSessionDuration: 3600,
    });
    if (props.statements.length > 0) {
      const permissions = new DataAwsIamPolicyDocument(this, "permissions", { statement: [...props.statements] });
      new IamRolePolicy(this, "policy", { role: this.role.id, name: props.roleName, policy: permissions.json });
    }
  }

  get arn(): string {
    return this.role.arn;
  }
}
