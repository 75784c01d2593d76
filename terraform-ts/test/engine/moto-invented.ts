/**
 * The output values AWS (and moto) invent at creation time, so a fresh apply can never reproduce the
 * committed placeholders: each is replaced by a marker on both sides before the comparison, keeping the
 * parts that come from our config (names, region, account). Everything else (CIDRs, names, region, subnet
 * lists, role ARNs, bucket and secret names) is compared exactly.
 */
export const MOTO_INVENTED: Readonly<Record<string, { readonly pattern: RegExp; readonly marker: string }>> = {
  // vpc-<17 hex> in AWS, vpc-<8 hex> in moto: random either way.
  vpcId: { pattern: /^vpc-[0-9a-f]+$/, marker: "vpc-<invented>" },
  // Security group ids are random too (sg-<17 hex> in AWS).
  albSecurityGroupId: { pattern: /^sg-[0-9a-f]+$/, marker: "sg-<invented>" },
  // ACM names certificates by a random UUID.
  certificateArn: { pattern: /(:certificate\/)[0-9a-f-]{36}$/, marker: "$1<invented>" },
  // WAFv2 ARNs end in a random UUID after the ACL's name; the name must still match.
  wafAclArn: { pattern: /(\/webacl\/[\w-]+\/)[0-9a-f-]{36}$/, marker: "$1<invented>" },
};

/** A copy of an outputs file's content with the invented parts replaced by their markers. */
export function withoutInventedValues(outputs: Record<string, unknown>): Record<string, unknown> {
  const normalised = { ...outputs };
  for (const [key, { pattern, marker }] of Object.entries(MOTO_INVENTED)) {
    const value = normalised[key];
    if (typeof value !== "string" || !pattern.test(value)) {
      throw new Error(`outputs.${key}: ${JSON.stringify(value)} does not have the expected form ${pattern}`);
    }
    normalised[key] = value.replace(pattern, marker);
  }
  return normalised;
}
