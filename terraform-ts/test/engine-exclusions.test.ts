import { describe, expect, it } from "vitest";
import { excludes, failedOnlyOnRetriedDelete, MOTO_GAPS, MOTO_ROUND_TRIP_GAPS } from "./engine/moto-gaps";
import { dependentsOf, stackResources } from "./engine/stack-graph";
import { ENV_NAMES, synthesizeEnv } from "./synthesized";

/** The engine tests' lists (test/engine/moto-gaps.ts) can neither rot nor hide a resource. */
describe("the resources and attributes the engine tests leave out", () => {
  const stacks = ENV_NAMES.map((envName) => ({ envName, resources: stackResources(synthesizeEnv(envName).json) }));

  it("gives a reason for every entry", () => {
    for (const entry of [...MOTO_GAPS, ...MOTO_ROUND_TRIP_GAPS]) {
      expect(entry.reason.trim().length, entry.path).toBeGreaterThan(20);
    }
  });

  it("has no entry that matches nothing in either stack", () => {
    const stale = [...MOTO_GAPS, ...MOTO_ROUND_TRIP_GAPS].filter(
      (entry) => !stacks.some(({ resources }) => resources.some((resource) => excludes(entry, resource.path))),
    );
    expect(stale.map((entry) => entry.path)).toEqual([]);
  });

  it.each(ENV_NAMES)("lists every %s resource that needs an excluded one (no silent drop by -target)", (envName) => {
    const resources = stacks.find((stack) => stack.envName === envName)?.resources ?? [];
    const excluded = new Set(
      resources
        .filter((resource) => MOTO_GAPS.some((entry) => excludes(entry, resource.path)))
        .map((resource) => resource.address),
    );
    const unlisted = [...dependentsOf(resources, excluded)].map(
      (address) => resources.find((resource) => resource.address === address)?.path,
    );
    expect(unlisted).toEqual([]);
    // The dependency scan finds references at all: the distribution needs the response headers policy.
    expect(
      dependentsOf(resources, new Set(resources.filter((r) => r.path === "cdn/security-headers").map((r) => r.address)))
        .size,
    ).toBeGreaterThan(0);
  });
});

describe("the one destroy the engine test runs twice", () => {
  // The error line CI printed when moto's DeleteVpcEndpoints answered a retried request (stop 25).
  const retriedDelete =
    "Error: deleting EC2 VPC Endpoint (vpce-e154683de6df74ac7): operation error EC2: DeleteVpcEndpoints, https " +
    "response error StatusCode: 400, RequestID: x, api error InvalidRoute.NotFound: no route with " +
    "destination-cidr-block pl-1fff2d436e27b5134 in route table rtb-ad6a12d688ede93f5";

  it("re-runs a destroy whose only error is moto's non-idempotent gateway endpoint delete", () => {
    expect(failedOnlyOnRetriedDelete(`aws_subnet.a: Destruction complete after 0s\n\n${retriedDelete}\n`)).toBe(true);
  });

  it("does not re-run a destroy with any other error beside it", () => {
    const other = "Error: deleting EC2 Subnet (subnet-1): DependencyViolation: has dependencies";
    expect(failedOnlyOnRetriedDelete(`${retriedDelete}\n${other}\n`)).toBe(false);
  });

  it("does not re-run a destroy that printed no error", () => {
    expect(failedOnlyOnRetriedDelete("Destroy complete! Resources: 3 destroyed.\n")).toBe(false);
  });
});
