import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/**
 * The AWS Load Balancer Controller's published IAM policy (kubernetes-sigs/
 * aws-load-balancer-controller docs/install/iam_policy.json, v2.14), with the
 * ARNs narrowed to this account and region. Mutations are limited to load
 * balancers and security groups carrying the controller's own
 * `elbv2.k8s.aws/cluster` tag, which it sets on everything it creates.
 */
const CLUSTER_TAG = "elbv2.k8s.aws/cluster";

const taggedByController = (key: "aws:RequestTag" | "aws:ResourceTag") => ({
  test: "Null",
  variable: `${key}/${CLUSTER_TAG}`,
  values: ["false"],
});
const notBeingTagged = { test: "Null", variable: `aws:RequestTag/${CLUSTER_TAG}`, values: ["true"] };

export function loadBalancerControllerStatements(
  region: string,
  accountId: string,
): DataAwsIamPolicyDocumentStatement[] {
  const elb = `arn:aws:elasticloadbalancing:${region}:${accountId}`;
  const securityGroups = `arn:aws:ec2:${region}:${accountId}:security-group/*`;
  const balancersAndTargets = [`${elb}:targetgroup/*/*`, `${elb}:loadbalancer/net/*/*`, `${elb}:loadbalancer/app/*/*`];
  return [
    {
      sid: "ServiceLinkedRole",
      actions: ["iam:CreateServiceLinkedRole"],
      resources: [
        `arn:aws:iam::${accountId}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`,
      ],
      condition: [
        { test: "StringEquals", variable: "iam:AWSServiceName", values: ["elasticloadbalancing.amazonaws.com"] },
      ],
    },
    {
      sid: "Discover",
      actions: [
        "ec2:DescribeAccountAttributes",
        "ec2:DescribeAddresses",
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeInternetGateways",
        "ec2:DescribeVpcs",
        "ec2:DescribeVpcPeeringConnections",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeInstances",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeTags",
        "ec2:DescribeRouteTables",
        "ec2:DescribeCoipPools",
        "ec2:DescribeIpamPools",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeListenerCertificates",
        "elasticloadbalancing:DescribeListenerAttributes",
        "elasticloadbalancing:DescribeSSLPolicies",
        "elasticloadbalancing:DescribeRules",
        "elasticloadbalancing:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTargetGroupAttributes",
        "elasticloadbalancing:DescribeTargetHealth",
        "elasticloadbalancing:DescribeTags",
        "elasticloadbalancing:DescribeTrustStores",
        "elasticloadbalancing:DescribeCapacityReservation",
      ],
      resources: ["*"],
    },
    {
      sid: "DiscoverScoped",
      actions: ["ec2:GetSecurityGroupsForVpc", "ec2:GetCoipPoolUsage"],
      resources: [
        `arn:aws:ec2:${region}:${accountId}:vpc/*`,
        securityGroups,
        `arn:aws:ec2:${region}:${accountId}:coip-pool/*`,
      ],
    },
    {
      // Listing has no resource-level permissions in IAM.
      sid: "ListCertificates",
      actions: ["acm:ListCertificates", "shield:GetSubscriptionState"],
      resources: ["*"],
    },
    {
      sid: "ReadCertificates",
      actions: ["acm:DescribeCertificate"],
      resources: [`arn:aws:acm:${region}:${accountId}:certificate/*`],
    },
    {
      // Attaches the env's regional web ACL (the Ingress annotation) to the ALBs it manages.
      sid: "AttachWebAcl",
      actions: ["wafv2:GetWebACL", "wafv2:GetWebACLForResource", "wafv2:AssociateWebACL", "wafv2:DisassociateWebACL"],
      resources: [`arn:aws:wafv2:${region}:${accountId}:regional/webacl/*/*`, `${elb}:loadbalancer/app/*/*`],
    },
    {
      sid: "CreateSecurityGroups",
      actions: ["ec2:CreateSecurityGroup"],
      resources: [securityGroups, `arn:aws:ec2:${region}:${accountId}:vpc/*`],
    },
    {
      sid: "TagNewSecurityGroups",
      actions: ["ec2:CreateTags"],
      resources: [securityGroups],
      condition: [
        { test: "StringEquals", variable: "ec2:CreateAction", values: ["CreateSecurityGroup"] },
        taggedByController("aws:RequestTag"),
      ],
    },
    {
      sid: "ManageOwnSecurityGroups",
      actions: [
        "ec2:CreateTags",
        "ec2:DeleteTags",
        "ec2:AuthorizeSecurityGroupIngress",
        "ec2:RevokeSecurityGroupIngress",
        "ec2:DeleteSecurityGroup",
      ],
      resources: [securityGroups],
      condition: [taggedByController("aws:ResourceTag")],
    },
    {
      // The controller opens node security groups to its ALBs; those groups are not tagged by it.
      sid: "OpenNodeSecurityGroupsToBalancers",
      actions: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
      resources: [securityGroups],
    },
    {
      sid: "CreateBalancers",
      actions: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
      resources: balancersAndTargets,
      condition: [taggedByController("aws:RequestTag")],
    },
    {
      sid: "TagOnCreate",
      actions: ["elasticloadbalancing:AddTags"],
      resources: balancersAndTargets,
      condition: [
        {
          test: "StringEquals",
          variable: "elasticloadbalancing:CreateAction",
          values: ["CreateTargetGroup", "CreateLoadBalancer"],
        },
        taggedByController("aws:RequestTag"),
      ],
    },
    {
      sid: "RetagOwnBalancers",
      actions: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      resources: balancersAndTargets,
      condition: [notBeingTagged, taggedByController("aws:ResourceTag")],
    },
    {
      sid: "ManageOwnBalancers",
      actions: [
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:SetIpAddressType",
        "elasticloadbalancing:SetSecurityGroups",
        "elasticloadbalancing:SetSubnets",
        "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:ModifyListenerAttributes",
        "elasticloadbalancing:ModifyCapacityReservation",
        "elasticloadbalancing:ModifyIpPools",
      ],
      resources: balancersAndTargets,
      condition: [taggedByController("aws:ResourceTag")],
    },
    {
      sid: "ListenersAndRules",
      actions: [
        "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:CreateRule",
        "elasticloadbalancing:DeleteRule",
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:AddListenerCertificates",
        "elasticloadbalancing:RemoveListenerCertificates",
        "elasticloadbalancing:ModifyRule",
        "elasticloadbalancing:SetRulePriorities",
        "elasticloadbalancing:SetWebAcl",
        "elasticloadbalancing:AddTags",
        "elasticloadbalancing:RemoveTags",
      ],
      resources: [
        `${elb}:loadbalancer/app/*/*`,
        `${elb}:loadbalancer/net/*/*`,
        `${elb}:listener/app/*/*/*`,
        `${elb}:listener/net/*/*/*`,
        `${elb}:listener-rule/app/*/*/*`,
        `${elb}:listener-rule/net/*/*/*`,
      ],
    },
    {
      sid: "RegisterTargets",
      actions: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
      resources: [`${elb}:targetgroup/*/*`],
    },
  ];
}
