import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { EksCluster } from "@cdktf/provider-aws/lib/eks-cluster";
import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { assertOneShape } from "../config/instance-shapes";
import { envResourceName } from "../config/naming";
import { zonalGroupName } from "../config/node-facts";
import type { EnvConfig } from "../config/types";
import { tagsFor } from "./budget";

const NODE_MANAGED_POLICIES = [
  "AmazonEKSWorkerNodePolicy",
  "AmazonEKS_CNI_Policy",
  // Pull only: nodes never need to push images.
  "AmazonEC2ContainerRegistryPullOnly",
] as const;

export interface EksNodeGroupsProps {
  readonly env: EnvConfig;
  readonly cluster: EksCluster;
  readonly subnetIds: readonly string[];
}

/**
 * What the launch template tags at launch. The provider's default_tags reach only the resources Terraform
 * creates (the template itself), never the instances, volumes and ENIs the node groups launch from it,
 * so without these the budget's `env` filter and the cost allocation report miss the nodes.
 */
export const NODE_TAGGED_RESOURCE_TYPES = ["instance", "volume", "network-interface"] as const;

/** Managed node groups from the env config (an on-demand floor plus spot capacity), one per zone each. */
export class EksNodeGroups extends Construct {
  public readonly nodeGroups: EksNodeGroup[];

  constructor(scope: Construct, id: string, props: EksNodeGroupsProps) {
    super(scope, id);
    const { env } = props;

    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [
        { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }] },
      ],
    });
    const role = new IamRole(this, "role", { name: envResourceName(env, "eks-nodes"), assumeRolePolicy: trust.json });
    for (const policy of NODE_MANAGED_POLICIES) {
      new IamRolePolicyAttachment(this, policy, { role: role.name, policyArn: `arn:aws:iam::aws:policy/${policy}` });
    }

    const launchTemplate = new LaunchTemplate(this, "launch-template", {
      name: envResourceName(env, "eks-nodes"),
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        // Hop limit 1: pods cannot reach the node's credentials; they use IRSA instead.
        httpPutResponseHopLimit: 1,
      },
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          // The account's EBS key: a customer key would also need a grant for the Auto Scaling
          // service-linked role, and nodes hold no data that outlives them.
          ebs: { volumeSize: 50, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
        },
      ],
      tagSpecifications: NODE_TAGGED_RESOURCE_TYPES.map((resourceType) => ({
        resourceType,
        tags: { ...tagsFor(env), Name: envResourceName(env, "eks-node") },
      })),
    });

    // One managed group per zone and capacity type: a multi-zone group cannot be grown in a chosen zone, so
    // after a zone loss cluster-autoscaler could not add nodes where they are needed. With one group per
    // zone and --balance-similar-node-groups (src/addons), it grows the surviving zones' groups evenly.
    this.nodeGroups = Object.entries(env.eks.nodeGroups).flatMap(([name, group]) => {
      assertOneShape(name, group.instanceTypes);
      return env.availabilityZones.map((zone, index) => {
        const zonal = zonalGroupName(name, zone);
        return new EksNodeGroup(this, zonal, {
          clusterName: props.cluster.name,
          nodeGroupName: zonal,
          nodeRoleArn: role.arn,
          subnetIds: [String(props.subnetIds[index])],
          capacityType: group.capacityType,
          instanceTypes: [...group.instanceTypes],
          scalingConfig: { minSize: group.minSize, maxSize: group.maxSize, desiredSize: group.desiredSize },
          launchTemplate: { id: launchTemplate.id, version: Token.asString(launchTemplate.latestVersion) },
          updateConfig: { maxUnavailable: 1 },
          labels: { "candlefish.ai/capacity": group.capacityType.toLowerCase() },
          // The cluster autoscaler owns the desired size once the group exists.
          lifecycle: { ignoreChanges: ["scaling_config[0].desired_size"] },
        });
      });
    });
  }
}
