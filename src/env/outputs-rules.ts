import ipaddr from "ipaddr.js";
import type { z } from "zod";

type Cidr = [ipaddr.IPv4, number];

/** The outputs fields the rules read, as the field schemas accepted them. */
interface OutputsShape {
  readonly region: string;
  readonly accountId: string;
  readonly vpcCidr: string;
  readonly publicSubnetCidrs: readonly string[];
  readonly privateSubnetCidrs: readonly string[];
  readonly dataSubnetCidrs: readonly string[];
}

const SUBNET_TIERS = ["publicSubnetCidrs", "privateSubnetCidrs", "dataSubnetCidrs"] as const;

/** A CIDR the field schema may have refused already (zod runs refinements on partly bad objects): skip it. */
function parseCidr(text: string): Cidr | undefined {
  return ipaddr.IPv4.isValidCIDR(text) ? (ipaddr.IPv4.parseCIDR(text) as Cidr) : undefined;
}

const network = ([address, prefix]: Cidr) => `${ipaddr.IPv4.networkAddressFromCIDR(`${address}/${prefix}`)}/${prefix}`;
const contains = (outer: Cidr, inner: Cidr) =>
  inner[1] >= outer[1] && ipaddr.IPv4.networkAddressFromCIDR(`${inner[0]}/${inner[1]}`).match(outer);
const overlap = (a: Cidr, b: Cidr) => contains(a, b) || contains(b, a);

/** Subnets inside the VPC and no two overlapping: AWS refuses either at apply, far from this PR. */
function subnetRules(outputs: OutputsShape, ctx: z.RefinementCtx<OutputsShape>): void {
  const vpc = parseCidr(outputs.vpcCidr);
  if (vpc === undefined) return;
  const seen: { path: string; cidr: Cidr; text: string }[] = [];
  for (const tier of SUBNET_TIERS) {
    outputs[tier].forEach((text, index) => {
      const cidr = parseCidr(text);
      if (cidr === undefined) return;
      if (!contains(vpc, cidr)) {
        const message = `must lie inside vpcCidr = ${outputs.vpcCidr} (${network(cidr)} does not)`;
        ctx.addIssue({ code: "custom", path: [tier, index], message, input: text });
      }
      const clash = seen.find((other) => overlap(other.cidr, cidr));
      if (clash !== undefined) {
        const message = `must not overlap ${clash.path} = ${clash.text}`;
        ctx.addIssue({ code: "custom", path: [tier, index], message, input: text });
      }
      seen.push({ path: `${tier}.${index}`, cidr, text });
    });
  }
}

/**
 * Every string of the outputs, by its field path, for the ARN rules to pick the ARNs from wherever they
 * sit: an output added to the contract later is checked without a change here.
 */
function arnsOf(value: unknown, path: string[] = []): [string[], string][] {
  if (typeof value === "string") return [[path, value]];
  // Arrays too: their keys are the indices, and a problem's path prints the same either way.
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => arnsOf(item, [...path, key]));
}

/**
 * ARNs of the outputs' account, and of its region where the service is regional (ACM, WAFv2; IAM is
 * global and its ARNs carry no region). A certificate of another region cannot be attached to the ALB;
 * a role of another account cannot be assumed by the cluster's service accounts.
 */
function arnRules(outputs: OutputsShape, ctx: z.RefinementCtx<OutputsShape>): void {
  if (!/^\d{12}$/.test(outputs.accountId)) return;
  for (const [path, arn] of arnsOf(outputs)) {
    // Not an ARN of the aws partition: not an ARN, or one the field schema refuses already.
    if (!arn.startsWith("arn:aws:")) continue;
    const [, , service = "", region = "", account = ""] = arn.split(":");
    if (account !== outputs.accountId) {
      const message = `must be in accountId = ${outputs.accountId} (this ARN's account is ${account})`;
      ctx.addIssue({ code: "custom", path, message, input: arn });
    }
    if (service !== "iam" && region !== outputs.region) {
      const message = `must be in region = ${outputs.region} (this ${service} ARN's region is ${region || "empty"})`;
      ctx.addIssue({ code: "custom", path, message, input: arn });
    }
  }
}

/** Rules across the outputs' fields; resolve runs them too, so a bad publication never lands. */
export function outputsRules(outputs: OutputsShape, ctx: z.RefinementCtx<OutputsShape>): void {
  subnetRules(outputs, ctx);
  arnRules(outputs, ctx);
}
