import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/**
 * The AWS Load Balancer Controller's published IAM policy (kubernetes-sigs/
 * aws-load-balancer-controller docs/install/iam_policy.json, v2.14), with the
 * ARNs narrowed to this account and region, and stricter than upstream on
 * purpose: upstream only checks that the `elbv2.k8s.aws/cluster` tag EXISTS,
 * so with staging and production in one account either env's controller could
 * modify, retag or delete the other's load balancers and security groups. Here
 * every mutation requires the tag's VALUE to be this cluster's name (the value
 * the controller writes: its tracking provider tags what it creates with
 * `elbv2.k8s.aws/cluster: <--cluster-name>`), AddTags/RemoveTags can never add,
 * move or drop that tag after creation, and ingress rules change only on
 * security groups in this env's VPC.
 */
export const CLUSTER_TAG = "elbv2.k8s.aws/cluster";

export interface LoadBalancerControllerScope {
  readonly region: string;
  readonly accountId: string;
  /** The EKS cluster name: the controller's --cluster-name and the value of its cluster tag. */
  readonly clusterName: string;
  /** The env's VPC; node security groups outside it stay untouchable. */
  readonly vpcArn: string;
}

export function loadBalancerControllerStatements(
  scope: LoadBalancerControllerScope,
): DataAwsIamPolicyDocumentStatement[] {
  const { region, accountId, clusterName } = scope;
  /** The request creates (or the resource carries) this cluster's tag, with this cluster's name. */
  const ownedBy = (key: "aws:RequestTag" | "aws:ResourceTag") => ({
    test: "StringEquals",
    variable: `${key}/${CLUSTER_TAG}`,
    values: [clusterName],
  });
  /** A retag after creation never names the cluster tag, so ownership cannot be added, moved or removed. */
  const clusterTagUntouched = { test: "ForAllValues:StringNotEquals", variable: "aws:TagKeys", values: [CLUSTER_TAG] };
  const elb = `arn:aws:elasticloadbalancing:${region}:${accountId}`;
  const securityGroups = `arn:aws:ec2:${region}:${accountId}:security-group/*`;
  const balancersAndTargets = [`${elb}:targetgroup/*/*`, `${elb}:loadbalancer/net/*/*`, `${elb}:loadbalancer/app/*/*`];
  const listenersAndRules = [
    `${elb}:listener/app/*/*/*`,
    `${elb}:listener/net/*/*/*`,
    `${elb}:listener-rule/app/*/*/*`,
    `${elb}:listener-rule/net/*/*/*`,
  ];
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
      // In the env's own VPC only.
      resources: [securityGroups, scope.vpcArn],
    },
    {
      sid: "TagNewSecurityGroups",
      actions: ["ec2:CreateTags"],
      resources: [securityGroups],
      condition: [
        { test: "StringEquals", variable: "ec2:CreateAction", values: ["CreateSecurityGroup"] },
        ownedBy("aws:RequestTag"),
      ],
    },
    {
      sid: "RetagOwnSecurityGroups",
      actions: ["ec2:CreateTags", "ec2:DeleteTags"],
      resources: [securityGroups],
      condition: [ownedBy("aws:ResourceTag"), clusterTagUntouched],
    },
    {
      sid: "ManageOwnSecurityGroups",
      actions: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"],
      resources: [securityGroups],
      condition: [ownedBy("aws:ResourceTag")],
    },
    {
      // The controller opens node security groups to its ALBs; those groups are not tagged by it, so the
      // env's VPC is the boundary (the other env's nodes live in another VPC).
      sid: "OpenNodeSecurityGroupsToBalancers",
      actions: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
      resources: [securityGroups],
      condition: [{ test: "ArnEquals", variable: "ec2:Vpc", values: [scope.vpcArn] }],
    },
    {
      sid: "CreateBalancers",
      actions: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"],
      resources: balancersAndTargets,
      condition: [ownedBy("aws:RequestTag")],
    },
    {
      sid: "TagOnCreate",
      actions: ["elasticloadbalancing:AddTags"],
      resources: [...balancersAndTargets, ...listenersAndRules],
      condition: [
        {
          test: "StringEquals",
          variable: "elasticloadbalancing:CreateAction",
          values: ["CreateTargetGroup", "CreateLoadBalancer", "CreateListener", "CreateRule"],
        },
        ownedBy("aws:RequestTag"),
      ],
    },
    {
      sid: "RetagOwnResources",
      actions: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      resources: [...balancersAndTargets, ...listenersAndRules],
      condition: [ownedBy("aws:ResourceTag"), clusterTagUntouched],
    },
    {
      sid: "ManageOwnBalancers",
      actions: [
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:SetIpAddressType",
        "elasticloadbalancing:SetSecurityGroups",
        "elasticloadbalancing:SetSubnets",
        "elasticloadbalancing:SetWebAcl",
        "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:ModifyCapacityReservation",
        "elasticloadbalancing:ModifyIpPools",
        // Upstream leaves target registration unconditioned (for TargetGroupBindings to groups made
        // elsewhere); here only the cluster's own groups, so one env cannot route into the other's.
        "elasticloadbalancing:RegisterTargets",
        "elasticloadbalancing:DeregisterTargets",
      ],
      resources: balancersAndTargets,
      condition: [ownedBy("aws:ResourceTag")],
    },
    {
      // Listeners and rules carry the cluster tag too: the controller's ListenerRulesTagging feature gate
      // is on by default (pkg/config/feature_gates.go) and tags them in CreateListener/CreateRule.
      sid: "CreateListenersAndRules",
      actions: ["elasticloadbalancing:CreateListener", "elasticloadbalancing:CreateRule"],
      resources: [`${elb}:loadbalancer/app/*/*`, `${elb}:loadbalancer/net/*/*`, ...listenersAndRules],
      condition: [ownedBy("aws:RequestTag")],
    },
    {
      sid: "ManageOwnListenersAndRules",
      actions: [
        "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:ModifyListenerAttributes",
        "elasticloadbalancing:AddListenerCertificates",
        "elasticloadbalancing:RemoveListenerCertificates",
        "elasticloadbalancing:DeleteRule",
        "elasticloadbalancing:ModifyRule",
        "elasticloadbalancing:SetRulePriorities",
      ],
      // Tagging is not here: AddTags/RemoveTags only in TagOnCreate and RetagOwnResources, with conditions.
      resources: listenersAndRules,
      condition: [ownedBy("aws:ResourceTag")],
    },
  ];
}
