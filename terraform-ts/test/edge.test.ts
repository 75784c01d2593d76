import { describe, expect, it } from "vitest";
import { MANAGED_CLOUDFRONT_POLICY_IDS } from "../src/constructs/cdn";
import { byPath, dataSourcesOf, ENV_NAMES, onlyResource, synthesizeEnv } from "./synthesized";

describe.each(ENV_NAMES)("%s edge resources plan on a fresh account", (envName) => {
  const stack = synthesizeEnv(envName);

  it("keys the ACM validation records by domain name straight off the set, never through tolist()", () => {
    // tolist() of a set with unknown elements is wholly unknown, so a first plan could not expand for_each;
    // test/engine/planted-for-each.test.ts shows the engine refusing that form.
    const records = byPath(stack.resource, "aws_route53_record", "certificate/validation");
    expect(records.for_each).toMatch(
      /^\$\{\{ for key, val in aws_acm_certificate\.\w+\.domain_validation_options: val\.domain_name => val \}\}$/,
    );
  });

  it("uses the AWS-managed CloudFront policies by their documented fixed IDs, with no lookup", () => {
    const behavior = onlyResource(stack, "aws_cloudfront_distribution").default_cache_behavior as Record<
      string,
      string
    >;
    expect(behavior.cache_policy_id).toBe("4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
    expect(behavior.origin_request_policy_id).toBe("216adef6-5c7f-47e4-b989-5492eafa07d3");
    expect(MANAGED_CLOUDFRONT_POLICY_IDS).toEqual({
      cachingDisabled: behavior.cache_policy_id,
      allViewer: behavior.origin_request_policy_id,
    });
    expect(dataSourcesOf(stack, "aws_cloudfront_cache_policy")).toEqual([]);
    expect(dataSourcesOf(stack, "aws_cloudfront_origin_request_policy")).toEqual([]);
  });
});
