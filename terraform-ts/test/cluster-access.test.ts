import { describe, expect, it } from "vitest";
import { CLUSTER_ADMIN_POLICY_ARN } from "../src/constructs/cluster-admin-access";
import { byPath, ENV_NAMES, onlyResource, synthesizeEnv } from "./synthesized";

describe.each(ENV_NAMES)("%s cluster administrators are declared, not inherited from whoever applied", (envName) => {
  const stack = synthesizeEnv(envName);

  it("gives the cluster creator (CI) no standing admin rights and uses access entries only", () => {
    expect(onlyResource(stack, "aws_eks_cluster").access_config).toEqual({
      authentication_mode: "API",
      bootstrap_cluster_creator_admin_permissions: false,
    });
  });

  it("grants cluster-admin to the break-glass role through an access entry and the admin access policy", () => {
    const role = byPath(stack.resource, "aws_iam_role", "eks-admin/role");
    expect(role.name).toBe(`candlefish-${envName}-cluster-admin`);
    const entry = onlyResource(stack, "aws_eks_access_entry");
    expect(entry).toMatchObject({ type: "STANDARD", principal_arn: expect.stringMatching(/eks-admin_role_.*\.arn/) });
    expect(onlyResource(stack, "aws_eks_access_policy_association")).toMatchObject({
      policy_arn: CLUSTER_ADMIN_POLICY_ARN,
      access_scope: { type: "cluster" },
      principal_arn: entry.principal_arn,
      depends_on: [expect.stringMatching(/^aws_eks_access_entry\./)],
    });
  });

  it("lets people of the account assume the break-glass role only with MFA", () => {
    const [statement] = byPath(stack.data, "aws_iam_policy_document", "eks-admin/trust").statement as Record<
      string,
      unknown
    >[];
    expect(statement).toMatchObject({
      actions: ["sts:AssumeRole"],
      principals: [{ type: "AWS", identifiers: ["arn:aws:iam::123456789012:root"] }],
      condition: [{ test: "Bool", variable: "aws:MultiFactorAuthPresent", values: ["true"] }],
    });
  });
});
