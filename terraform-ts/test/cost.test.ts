import { describe, expect, it } from "vitest";
import { ENV_NAMES, onlyResource, resourcesOf, synthesizeEnv } from "./synthesized";

describe.each(ENV_NAMES)("%s cost is attributed to the env", (envName) => {
  const stack = synthesizeEnv(envName);
  const envTags = { env: envName, owner: "platform", "cost-centre": "cc-1234", "managed-by": "terraform-ts" };

  it("tags the instances, volumes and ENIs the node groups launch (default_tags never reach them)", () => {
    const specifications = onlyResource(stack, "aws_launch_template").tag_specifications as {
      resource_type: string;
      tags: Record<string, string>;
    }[];
    expect(specifications.map((specification) => specification.resource_type)).toEqual([
      "instance",
      "volume",
      "network-interface",
    ]);
    for (const specification of specifications) {
      expect(specification.tags).toEqual({ ...envTags, Name: `candlefish-${envName}-eks-node` });
    }
  });

  it("budgets on the env tag, which the account activates as a cost allocation tag", () => {
    expect(onlyResource(stack, "aws_budgets_budget").cost_filter).toEqual([
      { name: "TagKeyValue", values: [`user:env$${envName}`] },
    ]);
  });

  it(`${envName === "production" ? "activates" : "leaves to production"} the account-wide cost allocation tags`, () => {
    const activated = resourcesOf(stack, "aws_ce_cost_allocation_tag")
      .map((tag) => `${tag.tag_key}: ${tag.status}`)
      .sort();
    expect(activated).toEqual(envName === "production" ? ["cost-centre: Active", "env: Active", "owner: Active"] : []);
  });
});
