import { DataAwsEc2ManagedPrefixList } from "@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import { envResourceName } from "../config/naming";
import type { EnvConfig } from "../config/types";

/** AWS-managed list of CloudFront's origin-facing addresses (VPC user guide, AWS-managed prefix lists). */
export const CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST = "com.amazonaws.global.cloudfront.origin-facing";

/**
 * The only port CloudFront uses towards the origin: the distribution's origin is `https-only` (cdn.ts).
 * One port on purpose: a rule referencing a prefix list counts as the list's max entries against the
 * "rules per security group" quota (60 inbound by default) and CloudFront's list weighs 55, so a second
 * port (HTTP 80) would need a quota increase. The Ingress listens on HTTPS 443 only to match.
 */
export const ALB_ORIGIN_PORT = 443;

export interface AlbOriginSecurityGroupProps {
  readonly env: EnvConfig;
  readonly vpcId: string;
}

/**
 * The internet-facing ALB's frontend security group: HTTPS from CloudFront's edge and nothing else, so the
 * WAF and cache in front cannot be bypassed by calling the ALB directly. The Ingress names it in
 * `alb.ingress.kubernetes.io/security-groups` (id published to SSM as network/alb-security-group-id); the
 * controller's shared backend group, attached beside it, carries the ALB's traffic to the pods
 * (`manage-backend-security-group-rules: "true"`; aws-load-balancer-controller docs/deploy/security_groups.md).
 * No egress rule: Terraform removes the default allow-all one, and the backend group's covers the targets.
 */
export class AlbOriginSecurityGroup extends Construct {
  public readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: AlbOriginSecurityGroupProps) {
    super(scope, id);
    const cloudfront = new DataAwsEc2ManagedPrefixList(this, "cloudfront-origin-facing", {
      name: CLOUDFRONT_ORIGIN_FACING_PREFIX_LIST,
    });
    this.securityGroup = new SecurityGroup(this, "group", {
      name: envResourceName(props.env, "alb-from-cloudfront"),
      description: "Internet-facing ALB: HTTPS from CloudFront origin-facing addresses only",
      vpcId: props.vpcId,
      tags: { Name: envResourceName(props.env, "alb-from-cloudfront") },
    });
    new VpcSecurityGroupIngressRule(this, "https-from-cloudfront", {
      securityGroupId: this.securityGroup.id,
      description: "HTTPS from CloudFront's origin-facing servers",
      ipProtocol: "tcp",
      fromPort: ALB_ORIGIN_PORT,
      toPort: ALB_ORIGIN_PORT,
      prefixListId: cloudfront.id,
    });
  }
}
