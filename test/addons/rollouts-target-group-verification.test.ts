import { describe, expect, it } from "vitest";
import { addOnReleases } from "../../src/validate/addons/add-on-releases";
import { configOf, type Manifest } from "../support/fixtures";

const rolloutsReleases = () => addOnReleases("argocd/apps").filter((release) => release.chart === "argo-rollouts");

describe("Argo Rollouts verifies the ALB target group before a blue/green scale-down", () => {
  it("runs the controller with --aws-verify-target-group, the env's region and its own IRSA role", () => {
    const releases = rolloutsReleases();
    expect(releases.length).toBeGreaterThan(0);
    for (const release of releases) {
      const env = release.application.replace(/^argo-rollouts-/, "");
      const { infra } = configOf(env);
      const controller = release.values.controller as Manifest;
      expect(controller.extraArgs, release.application).toContain("--aws-verify-target-group");
      expect(controller.extraEnv).toContainEqual({ name: "AWS_REGION", value: infra.region });
      expect(release.values.serviceAccount).toEqual({
        // terraform-ts trusts exactly argo-rollouts/argo-rollouts (service-account-roles.ts, serviceAccounts).
        name: "argo-rollouts",
        annotations: { "eks.amazonaws.com/role-arn": infra.addOnRoleArns.argoRollouts },
      });
      expect(release.namespace).toBe("argo-rollouts");
    }
  });
});
