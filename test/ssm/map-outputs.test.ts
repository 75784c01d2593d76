import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FetchedParameter } from "../../src/ssm/fetch";
import { mapToOutputs } from "../../src/ssm/map-outputs";
import { stableJson } from "../../src/ssm/outputs-file";
import { encodeParameter, SSM_PARAMETERS, SSM_PREFIX } from "../../src/ssm/parameters";

/** The parameters terraform-ts would publish for an env's committed outputs. */
function published(env: string): FetchedParameter[] {
  const outputs = JSON.parse(readFileSync(`src/env/outputs/${env}.json`, "utf8"));
  return SSM_PARAMETERS.map((spec) => {
    const value = spec.output.split(".").reduce((node, key) => node[key], outputs);
    return {
      name: `${SSM_PREFIX(env)}${spec.name}`,
      type: spec.type,
      value: encodeParameter(spec, value),
    };
  });
}

describe("mapping SSM parameters onto the outputs contract", () => {
  it("round-trips the committed outputs byte for byte", () => {
    const result = mapToOutputs("production", published("production"));
    expect(result.ok && stableJson(result.outputs)).toBe(readFileSync("src/env/outputs/production.json", "utf8"));
  });

  it("reports every missing parameter at once", () => {
    const result = mapToOutputs("staging", published("staging").slice(2));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      "/candlefish/staging/region: missing (expected a String)",
      "/candlefish/staging/account-id: missing (expected a String)",
    ]);
  });

  it("maps a schema error back to the parameter that caused it", () => {
    const parameters = published("staging").map((p) =>
      p.name.endsWith("/network/data-subnet-cidrs") ? { ...p, value: "10.1.20.0/24,10.1.21.0" } : p,
    );
    const result = mapToOutputs("staging", parameters);
    expect(!result.ok && result.problems).toEqual([
      '/candlefish/staging/network/data-subnet-cidrs: must be an IPv4 CIDR such as 10.0.0.0/16 (got "10.1.21.0")',
    ]);
  });

  it("refuses a SecureString without echoing it", () => {
    const parameters = published("staging").map((p) =>
      p.name.endsWith("/secrets/redis") ? { ...p, type: "SecureString", value: "s3cr3t" } : p,
    );
    const result = mapToOutputs("staging", parameters);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain("s3cr3t");
  });
});
