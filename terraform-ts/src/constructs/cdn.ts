import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { DataAwsCloudfrontCachePolicy } from "@cdktf/provider-aws/lib/data-aws-cloudfront-cache-policy";
import { DataAwsCloudfrontOriginRequestPolicy } from "@cdktf/provider-aws/lib/data-aws-cloudfront-origin-request-policy";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Construct } from "constructs";
import { envResourceName } from "../config/naming";
import type { EnvConfig } from "../config/types";

const ORIGIN_ID = "alb";

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

    // AWS-managed policies: the site is dynamic, so nothing is cached unless the origin says so.
    const cachePolicy = new DataAwsCloudfrontCachePolicy(this, "cache-policy", { name: "Managed-CachingDisabled" });
    const originRequestPolicy = new DataAwsCloudfrontOriginRequestPolicy(this, "origin-request-policy", {
      name: "Managed-AllViewer",
    });

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
        cachePolicyId: cachePolicy.id,
        originRequestPolicyId: originRequestPolicy.id,
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
