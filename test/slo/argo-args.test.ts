import { describe, expect, it } from "vitest";
import { resolveArgs } from "../support/argo-args";

describe("resolveArgs (Argo Rollouts' substitution, used by the integration suite)", () => {
  it("replaces every {{args.NAME}}, spaces inside the braces allowed", () => {
    expect(
      resolveArgs('x{namespace="{{args.namespace}}", role="{{ args.role }}"}', { namespace: "ns", role: "preview" }),
    ).toBe('x{namespace="ns", role="preview"}');
  });

  it("fails on an arg nobody passed, as the controller does", () => {
    expect(() => resolveArgs("{{args.missing}}", {})).toThrow("failed to resolve {{args.missing}}");
  });
});
