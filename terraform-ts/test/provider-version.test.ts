import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_NAMES, synthesizeEnv } from "./synthesized";

const toolsScript = readFileSync(path.resolve(__dirname, "../../scripts/tools.sh"), "utf8");
const bindings = JSON.parse(
  readFileSync(path.resolve(__dirname, "../node_modules/@cdktf/provider-aws/package.json"), "utf8"),
) as { version: string; cdktf: { provider: { name: string; version: string } } };

/** The provider the engine tests load: the version tools.sh finds in the local filesystem mirror. */
const mirroredProvider = /^TERRAFORM_AWS_PROVIDER="([^"]+)"$/m.exec(toolsScript)?.[1];

describe("the AWS provider the stacks synthesize for is the one the Terraform engine runs", () => {
  it("uses bindings generated from hashicorp/aws 5.100.0, the provider tools.sh locates in the mirror", () => {
    expect(mirroredProvider).toBe("5.100.0");
    expect(bindings.cdktf.provider).toEqual({ name: "registry.terraform.io/hashicorp/aws", version: mirroredProvider });
  });

  it.each(ENV_NAMES)("pins required_providers.aws of %s to exactly that version", (envName) => {
    const { terraform } = synthesizeEnv(envName);
    expect(terraform.required_providers).toEqual({ aws: { source: "aws", version: mirroredProvider } });
  });
});
