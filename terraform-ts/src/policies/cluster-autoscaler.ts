import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/**
 * The cluster-autoscaler's recommended policy (kubernetes/autoscaler, AWS
 * cloud provider README). It may only resize Auto Scaling groups that EKS
 * tagged as owned by this cluster, so it cannot touch anything else.
 */
export function clusterAutoscalerStatements(
  region: string,
  accountId: string,
  clusterName: string,
): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      sid: "Discover",
      actions: [
        "autoscaling:DescribeAutoScalingGroups",
        "autoscaling:DescribeAutoScalingInstances",
        "autoscaling:DescribeLaunchConfigurations",
        "autoscaling:DescribeScalingActivities",
        "autoscaling:DescribeTags",
        "ec2:DescribeImages",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplateVersions",
        "ec2:GetInstanceTypesFromInstanceRequirements",
      ],
      // Describe and Get calls on these APIs have no resource-level permissions.
      resources: ["*"],
    },
    {
      sid: "DescribeOwnNodeGroups",
      actions: ["eks:DescribeNodegroup"],
      resources: [`arn:aws:eks:${region}:${accountId}:nodegroup/${clusterName}/*/*`],
    },
    {
      sid: "ResizeOwnGroups",
      actions: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
      resources: [`arn:aws:autoscaling:${region}:${accountId}:autoScalingGroup:*:autoScalingGroupName/*`],
      condition: [
        {
          test: "StringEquals",
          variable: `aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`,
          values: ["owned"],
        },
      ],
    },
  ];
}
