import { describe, expect, it } from "vitest";
import { byPath, ENV_NAMES, resourcesOf, synthesizeEnv } from "./synthesized";

describe.each(ENV_NAMES)("%s load balancer subnets", (envName) => {
  const stack = synthesizeEnv(envName);
  const tier = (name: string) =>
    resourcesOf(stack, "aws_subnet").filter((subnet) => (subnet.tags as Record<string, string>).tier === name);

  it("places both ALBs, the internal preview one too, in the public subnets, where no pod gets an address", () => {
    // The pods' NetworkPolicy admits the ALBs' subnets (dist/*/networkpolicy-allow-website-from-load-balancer.yaml):
    // an internal ALB in the private subnets would make that every pod's and node's address.
    for (const subnet of tier("public")) {
      expect(subnet.tags).toMatchObject({ "kubernetes.io/role/elb": "1", "kubernetes.io/role/internal-elb": "1" });
    }
    for (const subnet of [...tier("private"), ...tier("data")]) {
      expect(Object.keys(subnet.tags as object).filter((key) => key.startsWith("kubernetes.io/role/"))).toEqual([]);
    }
    expect(tier("public")).toHaveLength(3);
  });

  it("gives the Argo Rollouts controller a role for target-group verification that can only read", () => {
    const permissions = byPath(stack.data, "aws_iam_policy_document", "irsa/argo-rollouts/permissions");
    const actions = (permissions.statement as { actions: string[] }[]).flatMap((statement) => statement.actions);
    expect(actions.sort()).toEqual([
      "elasticloadbalancing:DescribeListeners",
      "elasticloadbalancing:DescribeLoadBalancers",
      "elasticloadbalancing:DescribeRules",
      "elasticloadbalancing:DescribeTags",
      "elasticloadbalancing:DescribeTargetGroups",
      "elasticloadbalancing:DescribeTargetHealth",
    ]);
    const trust = byPath(stack.data, "aws_iam_policy_document", "irsa/argo-rollouts/trust");
    expect(JSON.stringify(trust.statement)).toContain("system:serviceaccount:argo-rollouts:argo-rollouts");
  });
});
