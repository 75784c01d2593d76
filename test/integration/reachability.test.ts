import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { toolPath } from "../../harness/tools";
import { buildReachabilityTables, networkPolicyFiles, REACHABILITY_DOC } from "../../src/validate/reachability/build";
import { parseVerdicts } from "../../src/validate/reachability/cyclonus";
import { reachabilityMarkdown, unexpectedVerdicts } from "../../src/validate/reachability/table";
import { configOf, environments, manifestsOf } from "../support/fixtures";

const cyclonus = () => toolPath("bin", "cyclonus");
const tables = () => buildReachabilityTables(environments, resolve("dist"), cyclonus());

describe("reachability, decided by cyclonus v0.5.6 over the rendered NetworkPolicies", () => {
  it("gives every connection of the truth table its expected verdict, in every env", () => {
    const evaluated = tables();
    expect(evaluated.map((table) => table.env).sort()).toEqual(Object.keys(environments).sort());
    expect(evaluated.flatMap(unexpectedVerdicts)).toEqual([]);
  });

  it("lets no pod outside the load balancers' subnets reach the website's HTTP port", () => {
    for (const table of tables()) {
      const intoWebsite = table.rows.filter((row) => row.to.name === "website pod" && row.portName === "http");
      const allowed = intoWebsite.filter((row) => row.actual === "allow").map((row) => row.from.name);
      expect(allowed, table.env).toEqual([
        "internet-facing ALB node (public subnet)",
        "internal preview ALB node (public subnet)",
        "smoke Job pod",
        "Argo Rollouts controller",
      ]);
    }
  });

  it("is committed as docs/reachability.md, exactly as generated from today's dist/", () => {
    const version = readFileSync(toolPath("bin", "cyclonus.version"), "utf8").trim();
    expect(readFileSync(REACHABILITY_DOC, "utf8")).toBe(reachabilityMarkdown(tables(), version));
  });

  it("reads only the env's NetworkPolicies, all of them", () => {
    const files = networkPolicyFiles(resolve("dist/production"));
    const rendered = manifestsOf(configOf("production")).filter((object) => object.kind === "NetworkPolicy");
    expect(files.map((file) => file.replace(/.*\/networkpolicy-(.*)\.yaml$/, "$1")).sort()).toEqual(
      rendered.map((policy) => policy.metadata.name).sort(),
    );
  });

  it("fails loudly on output without a verdict rather than counting it as a deny", () => {
    expect(() => parseVerdicts("Traffic:\nIs traffic allowed?\n(nothing)")).toThrow(/no verdict/);
    expect(
      parseVerdicts("Is traffic allowed?\n| IS ALLOWED? | TRUE |\nIs traffic allowed?\n| IS ALLOWED? | FALSE |"),
    ).toEqual(["allow", "deny"]);
  });
});
