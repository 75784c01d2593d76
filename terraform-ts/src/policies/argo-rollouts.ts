import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/**
 * What the Argo Rollouts controller calls with `--aws-verify-target-group`: the read-only ELBv2 API of
 * utils/aws/aws.go (v1.9.1: DescribeLoadBalancers, DescribeTargetGroups, DescribeTags, DescribeListeners,
 * DescribeRules, DescribeTargetHealth), to see the new pods registered and healthy in the ALB's target
 * group before it scales the old ReplicaSet down (rollout/service.go, awsVerifyTargetGroups).
 */
export function argoRolloutsStatements(): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      sid: "VerifyTargetGroups",
      actions: [
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTags",
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeRules",
        "elasticloadbalancing:DescribeTargetHealth",
      ],
      // ELBv2 Describe calls have no resource-level permissions.
      resources: ["*"],
    },
  ];
}
