import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sharedFolder } from "../../harness/shared";
import { ADD_ONS, ARGO_ROLLOUTS_CONTROLLER } from "../../src/addons/catalog";
import { renderPlan } from "../../src/render/plan";
import { production as productionInfra, staging as stagingInfra } from "../../terraform-ts/src/config/environments";
import { configOf, inputOf, manifestsIn } from "../support/fixtures";

const addOn = (name: string) => {
  const found = ADD_ONS.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no add-on ${name}`);
  return found;
};

describe("versions that must move together", () => {
  it("refuses an env whose Kubernetes minor is not the cluster autoscaler's", () => {
    // GIVEN production on a cluster version the pinned autoscaler chart does not ship
    const input = inputOf("production") as { platform: { kubernetesVersion: string } };
    input.platform.kubernetesVersion = "1.35";
    // WHEN rendered THEN the run fails naming the env, the field, both versions and the value
    expect(() => renderPlan({ inputs: { production: input }, selected: ["production"] })).toThrow(
      /env production: platform\.kubernetesVersion: cluster-autoscaler chart 9\.53\.0 ships 1\.34\.2; .*\(got "1\.35"\)/,
    );
  });

  it("creates EKS at the Kubernetes version every env renders for", () => {
    const created = { staging: stagingInfra.eks.version, production: productionInfra.eks.version };
    for (const [env, version] of Object.entries(created))
      expect(configOf(env).platform.kubernetesVersion, env).toBe(version);
  });

  it("runs the prometheus-operator version of the CRDs we validate against", () => {
    const versions = new Set(
      manifestsIn(join(sharedFolder("crds"), "prometheus-operator")).map(
        (crd) => crd.metadata.annotations["operator.prometheus.io/version"] as string,
      ),
    );
    expect([...versions]).toEqual([addOn("kube-prometheus-stack").appVersion.replace(/^v/, "")]);
  });

  it("runs an Argo Rollouts controller whose CRDs equal the ones we validate against", () => {
    // The chart ships v1.9.0; the image tag is the rehearsed v1.9.1 (checked on the rendered chart
    // by the add-on integration suite). Only a patch release apart, or the CRDs may differ.
    const minor = (version: string) => version.split(".").slice(0, 2).join(".");
    expect(minor(addOn("argo-rollouts").appVersion)).toBe(minor(ARGO_ROLLOUTS_CONTROLLER));
  });
});
