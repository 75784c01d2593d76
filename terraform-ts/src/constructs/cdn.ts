import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Construct } from "constructs";
import { envResourceName } from "../config/naming";
import type { EnvConfig } from "../config/types";

const ORIGIN_ID = "alb";

/**
 * AWS-managed CloudFront policies by their IDs, which AWS documents as fixed ("When using CloudFormation,
 * the AWS CLI, or the CloudFront API, the ID for this policy is: ..." in the CloudFront Developer Guide,
 * using-managed-cache-policies and using-managed-origin-request-policies). A data-source lookup by name
 * would cost an API call per plan and needs ListCachePolicies, which no local AWS API implements.
 * The site is dynamic, so nothing is cached unless the origin says so, and the origin sees the whole request.
 */
export const MANAGED_CLOUDFRONT_POLICY_IDS = {
  /** Managed-CachingDisabled */
  cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
  /** Managed-AllViewer */
  allViewer: "216adef6-5c7f-47e4-b989-5492eafa07d3",
} as const;

export interface CdnProps {
  readonly env: EnvConfig;
  readonly certificateArn: string;
  readonly zoneId: string;
  readonly webAclArn: string;
  /** Bucket domain name (bucket.s3.amazonaws.com) for standard logs. */
  readonly logBucketDomainName: string;
}

/**
 * CloudFront in front of the ALB: TLS 1.2+ at the edge and to the origin,
 * WAF before any request reaches the cluster, access logs to S3.
 */
export class Cdn extends Construct {
  public readonly distribution: CloudfrontDistribution;

  constructor(scope: Construct, id: string, props: CdnProps) {
    super(scope, id);
    const { env } = props;
    const aliases = [env.edge.domain, ...env.edge.alternativeNames];

    const securityHeaders = new CloudfrontResponseHeadersPolicy(this, "security-headers", {
      name: envResourceName(env, "security-headers"),
      securityHeadersConfig: {
        strictTransportSecurity: {
          accessControlMaxAgeSec: 63072000,
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: "DENY", override: true },
        referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });

    this.distribution = new CloudfrontDistribution(this, "distribution", {
      enabled: true,
      isIpv6Enabled: true,
      comment: `Candlefish ${env.name}`,
      aliases,
      priceClass: "PriceClass_100",
      httpVersion: "http2and3",
      webAclId: props.webAclArn,
      origin: [
        {
          originId: ORIGIN_ID,
          domainName: env.edge.originDomainName,
          customOriginConfig: {
            httpPort: 80,
            httpsPort: 443,
            originProtocolPolicy: "https-only",
            originSslProtocols: ["TLSv1.2"],
          },
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: ORIGIN_ID,
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
        cachedMethods: ["GET", "HEAD"],
        compress: true,
        cachePolicyId: MANAGED_CLOUDFRONT_POLICY_IDS.cachingDisabled,
        originRequestPolicyId: MANAGED_CLOUDFRONT_POLICY_IDS.allViewer,
        responseHeadersPolicyId: securityHeaders.id,
      },
      viewerCertificate: {
        acmCertificateArn: props.certificateArn,
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      loggingConfig: { bucket: props.logBucketDomainName, prefix: "cloudfront/", includeCookies: false },
    });

    for (const recordType of ["A", "AAAA"] as const) {
      new Route53Record(this, `alias-${recordType}`, {
        zoneId: props.zoneId,
        name: env.edge.domain,
        type: recordType,
        alias: {
          name: this.distribution.domainName,
          zoneId: this.distribution.hostedZoneId,
          evaluateTargetHealth: false,
        },
      });
    }
  }
}
