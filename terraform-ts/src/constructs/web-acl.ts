import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Wafv2WebAcl, type Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { Construct } from "constructs";
import { EncryptedLogGroup } from "./encrypted-log-group";

/**
 * AWS-maintained rule groups, in evaluation order: the IP reputation list
 * drops known-bad sources before any parsing, the common rule set covers the
 * OWASP Top 10 classes, known bad inputs covers Log4Shell-style payloads.
 */
export const MANAGED_RULE_GROUPS = [
  "AWSManagedRulesAmazonIpReputationList",
  "AWSManagedRulesCommonRuleSet",
  "AWSManagedRulesKnownBadInputsRuleSet",
] as const;

/** The provider types `statement` as untyped JSON; this is the subset we write. */
interface RuleStatement {
  readonly managed_rule_group_statement?: { readonly name: string; readonly vendor_name: "AWS" };
  readonly rate_based_statement?: { readonly limit: number; readonly aggregate_key_type: "IP" };
}

export interface WebAclProps {
  readonly name: string;
  /** CLOUDFRONT for the distribution, REGIONAL for the ALB the ingress controller creates. */
  readonly scope: "CLOUDFRONT" | "REGIONAL";
  /**
   * Requests per 5 minutes per client address before WAF blocks it; only where WAF sees the viewer's own
   * address (the CloudFront scope). Unset: no rate-based rule.
   */
  readonly rateLimitPerViewerPerFiveMinutes?: number;
  readonly logsKeyArn: string;
  readonly provider?: AwsProvider;
}

const visibility = (metricName: string) => ({
  cloudwatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

/** A WAFv2 web ACL with the managed rule groups, an optional per-viewer rate limit, and logging. */
export class WebAcl extends Construct {
  public readonly acl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const managedRules: Wafv2WebAclRule[] = MANAGED_RULE_GROUPS.map((group, index) => ({
      name: group,
      priority: index,
      // "none": keep each group's own block actions (count would only observe).
      overrideAction: { none: {} },
      statement: { managed_rule_group_statement: { name: group, vendor_name: "AWS" } } satisfies RuleStatement,
      visibilityConfig: visibility(group),
    }));
    const limit = props.rateLimitPerViewerPerFiveMinutes;
    const rateLimit: Wafv2WebAclRule[] =
      limit === undefined
        ? []
        : [
            {
              name: "rate-limit-per-viewer",
              priority: MANAGED_RULE_GROUPS.length,
              action: { block: {} },
              // IP: the connection's source, which at the CloudFront scope is the viewer itself.
              statement: { rate_based_statement: { limit, aggregate_key_type: "IP" } } satisfies RuleStatement,
              visibilityConfig: visibility("rate-limit-per-viewer"),
            },
          ];

    this.acl = new Wafv2WebAcl(this, "acl", {
      provider: props.provider,
      name: props.name,
      scope: props.scope,
      defaultAction: { allow: {} },
      rule: [...managedRules, ...rateLimit],
      visibilityConfig: visibility(props.name),
    });

    // WAF only accepts log groups whose name starts with "aws-waf-logs-".
    const logGroup = new EncryptedLogGroup(this, "logs", {
      name: `aws-waf-logs-${props.name}`,
      kmsKeyArn: props.logsKeyArn,
    });
    new Wafv2WebAclLoggingConfiguration(this, "logging", {
      provider: props.provider,
      resourceArn: this.acl.arn,
      logDestinationConfigs: [logGroup.logGroup.arn],
      // Credentials and session cookies must not end up in the logs.
      redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }],
    });
  }

  get arn(): string {
    return this.acl.arn;
  }
}
