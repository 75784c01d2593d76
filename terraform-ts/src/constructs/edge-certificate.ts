import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { TerraformIterator, Token } from "cdktf";
import { Construct } from "constructs";
import type { EdgeConfig } from "../config/types";

export interface EdgeCertificateProps {
  readonly edge: EdgeConfig;
}

/**
 * The env's hosted zone and a DNS-validated ACM certificate for the domain
 * and its wildcard. us-east-1 is where CloudFront reads certificates from,
 * and where the ALB lives, so one certificate serves both.
 */
export class EdgeCertificate extends Construct {
  public readonly zoneId: string;
  /** The ARN after validation: consumers wait until the certificate is usable. */
  public readonly certificateArn: string;
  public readonly certificate: AcmCertificate;

  constructor(scope: Construct, id: string, props: EdgeCertificateProps) {
    super(scope, id);
    const { edge } = props;
    this.zoneId =
      edge.hostedZone.mode === "lookup"
        ? new DataAwsRoute53Zone(this, "zone", { name: edge.hostedZone.name, privateZone: false }).zoneId
        : new Route53Zone(this, "zone", { name: edge.hostedZone.name, comment: "Managed by terraform-ts" }).zoneId;

    this.certificate = new AcmCertificate(this, "certificate", {
      domainName: edge.domain,
      subjectAlternativeNames: [...edge.alternativeNames],
      validationMethod: "DNS",
      keyAlgorithm: "EC_prime256v1",
      // Renewals and SAN changes issue the new certificate before the old one is released.
      lifecycle: { createBeforeDestroy: true },
    });

    // One record per validation option; the domain and its wildcard share a record, hence allowOverwrite.
    // The provider docs' pattern, `{for dvo in ...domain_validation_options : dvo.domain_name => dvo}`: the
    // keys (domain names) are known at plan time, the values only after the certificate exists. Passing
    // `domainValidationOptions` instead renders `tolist(<set>)`, and a set with unknown elements converts to
    // an entirely unknown list, so the first plan on a fresh account fails with "Invalid for_each argument"
    // (hashicorp/terraform-cdk#3627). test/engine plants that pattern and watches plan fail.
    const validationOptions = TerraformIterator.fromComplexList(
      this.certificate.interpolationForAttribute("domain_validation_options"),
      "domain_name",
    );
    const validationRecords = new Route53Record(this, "validation", {
      forEach: validationOptions,
      zoneId: this.zoneId,
      name: validationOptions.getString("resource_record_name"),
      type: validationOptions.getString("resource_record_type"),
      records: [validationOptions.getString("resource_record_value")],
      ttl: 60,
      allowOverwrite: true,
    });

    const validation = new AcmCertificateValidation(this, "validated", {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(validationRecords).pluckProperty("fqdn")),
    });
    this.certificateArn = validation.certificateArn;
  }
}
