import { describe, expect, it } from "vitest";
import { CSI_PROVISIONERS, EKS_ADD_ON_VERSIONS, eksAddOnVersions } from "../src/config/eks-add-ons";
import { ENVIRONMENTS } from "../src/config/environments";
import { byPath, ENV_NAMES, resourcesOf, synthesizeEnv } from "./synthesized";

describe.each(ENV_NAMES)("%s EKS add-ons", (envName) => {
  const stack = synthesizeEnv(envName);
  const addOn = (name: string) => resourcesOf(stack, "aws_eks_addon").find((block) => block.addon_name === name);

  it("configures the VPC CNI to enforce NetworkPolicies, at the version pinned for the cluster's Kubernetes", () => {
    const cni = addOn("vpc-cni");
    expect(cni?.addon_version).toBe(EKS_ADD_ON_VERSIONS[ENVIRONMENTS[envName].eks.version]?.vpcCni);
    expect(JSON.parse(String(cni?.configuration_values))).toEqual({ enableNetworkPolicy: "true" });
    expect(cni).toMatchObject({ resolve_conflicts_on_create: "OVERWRITE", resolve_conflicts_on_update: "OVERWRITE" });
  });

  it("installs every CSI driver whose provisioner the GitOps side's StorageClasses may name", () => {
    for (const name of Object.keys(CSI_PROVISIONERS)) expect(addOn(name), name).toBeDefined();
  });

  it("installs the EBS CSI driver, pinned, with an IRSA role only its controller can assume", () => {
    const driver = addOn("aws-ebs-csi-driver");
    expect(driver?.addon_version).toBe(EKS_ADD_ON_VERSIONS[ENVIRONMENTS[envName].eks.version]?.ebsCsiDriver);
    expect(driver?.service_account_role_arn).toMatch(/^\$\{aws_iam_role\.eks-add-ons_ebs-csi-driver-role_.*\.arn\}$/);
    // Every node group: EKS reports the add-on degraded until a node can run its controller.
    const dependsOn = driver?.depends_on as string[];
    expect(dependsOn.every((address) => address.startsWith("aws_eks_node_group."))).toBe(true);
    expect(dependsOn).toHaveLength(resourcesOf(stack, "aws_eks_node_group").length);
    const trust = byPath(stack.data, "aws_iam_policy_document", "eks-add-ons/ebs-csi-driver-role/trust");
    expect(JSON.stringify(trust.statement)).toContain("system:serviceaccount:kube-system:ebs-csi-controller-sa");
    const attachment = byPath(stack.resource, "aws_iam_role_policy_attachment", "eks-add-ons/ebs-csi-driver-policy");
    expect(attachment.policy_arn).toBe("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy");
  });
});

describe("EKS add-on versions", () => {
  it("are pinned for every cluster version an env runs, and a version without a pin does not synthesize", () => {
    for (const env of Object.values(ENVIRONMENTS)) expect(() => eksAddOnVersions(env.eks.version)).not.toThrow();
    expect(() => eksAddOnVersions("1.99")).toThrow(/eks\.version 1\.99: no EKS add-on versions pinned/);
  });

  it("are exact EKS build strings, never a range or 'latest'", () => {
    for (const versions of Object.values(EKS_ADD_ON_VERSIONS)) {
      for (const version of Object.values(versions)) expect(version).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
    }
  });
});
