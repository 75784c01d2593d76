import { describe, expect, it } from "vitest";
import { excludes, MOTO_GAPS, MOTO_ROUND_TRIP_GAPS } from "./engine/moto-gaps";
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
