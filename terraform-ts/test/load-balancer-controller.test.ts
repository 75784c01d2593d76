import { describe, expect, it } from "vitest";
import { CLUSTER_TAG } from "../src/policies/load-balancer-controller";
import { ENV_NAMES, synthesizeEnv } from "./synthesized";

interface Statement {
  sid: string;
  actions: string[];
  resources: string[];
  condition?: { test: string; variable: string; values: string[] }[];
}

const MUTATIONS =
  /^(elasticloadbalancing:(?!Describe)|ec2:(CreateTags|DeleteTags|DeleteSecurityGroup|Authorize|Revoke))/;

describe.each(ENV_NAMES)("%s load balancer controller policy (stricter than upstream)", (envName) => {
  const stack = synthesizeEnv(envName);
  const clusterName = `candlefish-${envName}`;
  const statements = Object.values(stack.data.aws_iam_policy_document).find(
    (doc) => doc["//"]?.metadata?.path === `candlefish-${envName}/irsa/aws-load-balancer-controller/permissions`,
  )?.statement as Statement[];
  const clusterTagConditions = (statement: Statement) =>
    (statement.condition ?? []).filter((condition) => condition.variable.endsWith(`/${CLUSTER_TAG}`));

  it("checks the cluster tag's VALUE, this cluster's name, never only that the tag exists", () => {
    const tagged = statements.filter((statement) => clusterTagConditions(statement).length > 0);
    expect(tagged.map((statement) => statement.sid)).toEqual(
      expect.arrayContaining([
        "CreateBalancers",
        "TagOnCreate",
        "RetagOwnResources",
        "ManageOwnBalancers",
        "CreateListenersAndRules",
        "ManageOwnListenersAndRules",
      ]),
    );
    for (const statement of tagged) {
      expect(clusterTagConditions(statement)).toEqual([
        {
          test: "StringEquals",
          variable: expect.stringMatching(/^aws:(Request|Resource)Tag\//),
          values: [clusterName],
        },
      ]);
    }
    expect(JSON.stringify(statements)).not.toContain('"test":"Null"');
  });

  it("puts a tag condition on every AddTags and RemoveTags, and never lets a retag touch the cluster tag", () => {
    const tagging = statements.filter((statement) =>
      statement.actions.some((action) =>
        /^elasticloadbalancing:(AddTags|RemoveTags)$|^ec2:(CreateTags|DeleteTags)$/.test(action),
      ),
    );
    expect(tagging.length).toBeGreaterThan(0);
    for (const statement of tagging) {
      expect(clusterTagConditions(statement), statement.sid).toHaveLength(1);
      const creating = statement.condition?.some((condition) => condition.variable.endsWith(":CreateAction"));
      if (!creating) {
        expect(statement.condition, statement.sid).toContainEqual({
          test: "ForAllValues:StringNotEquals",
          variable: "aws:TagKeys",
          values: [CLUSTER_TAG],
        });
      }
    }
  });

  it("scopes every other mutation to the cluster's own resources or to the env's own VPC", () => {
    const unscoped = statements.filter(
      (statement) =>
        statement.actions.some((action) => MUTATIONS.test(action)) &&
        clusterTagConditions(statement).length === 0 &&
        !(statement.condition ?? []).some((condition) => condition.variable === "ec2:Vpc"),
    );
    expect(unscoped.map((statement) => statement.sid)).toEqual([]);
    const nodeGroups = statements.find((statement) => statement.sid === "OpenNodeSecurityGroupsToBalancers");
    expect(nodeGroups?.condition).toEqual([
      {
        test: "ArnEquals",
        variable: "ec2:Vpc",
        values: [expect.stringMatching(/^\$\{aws_vpc\.network_vpc_.*\.arn\}$/)],
      },
    ]);
  });
});
