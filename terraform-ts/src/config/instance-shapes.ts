/**
 * vCPUs, memory and VPC CNI pod limit of the EC2 instance types the node groups may use. vCPUs and memory:
 * the EC2 "Instance types" pages. maxPods: amazon-eks-ami's eni-max-pods.txt for the VPC CNI in its default
 * secondary-IP mode (no prefix delegation), i.e. ENIs x (IPv4 addresses per ENI - 1) + 2 — what the EKS AMI
 * gives the kubelet as --max-pods.
 * cluster-autoscaler models a node group by ONE node shape (its AWS cloud provider FAQ: "each node group
 * should have the same CPU and memory"), so a group that mixes shapes scales on wrong numbers.
 */
export const INSTANCE_SHAPES: Readonly<
  Record<string, { readonly vcpus: number; readonly memoryGib: number; readonly maxPods: number }>
> = {
  "t3.medium": { vcpus: 2, memoryGib: 4, maxPods: 17 },
  "t3a.medium": { vcpus: 2, memoryGib: 4, maxPods: 17 },
  "t3.large": { vcpus: 2, memoryGib: 8, maxPods: 35 },
  "t3a.large": { vcpus: 2, memoryGib: 8, maxPods: 35 },
  "m6i.large": { vcpus: 2, memoryGib: 8, maxPods: 29 },
  "m7i.large": { vcpus: 2, memoryGib: 8, maxPods: 29 },
};

/** Throws, naming the group and the types, unless every type is known and all have one shape. */
export function assertOneShape(groupName: string, instanceTypes: readonly string[]): void {
  const unknown = instanceTypes.filter((type) => INSTANCE_SHAPES[type] === undefined);
  if (unknown.length > 0) {
    throw new Error(
      `node group ${groupName}: unknown instance type(s) ${unknown.join(", ")}; add them to INSTANCE_SHAPES`,
    );
  }
  const shapes = new Set(
    instanceTypes.map((type) => `${INSTANCE_SHAPES[type].vcpus} vCPU/${INSTANCE_SHAPES[type].memoryGib} GiB`),
  );
  if (shapes.size > 1) {
    throw new Error(
      `node group ${groupName}: instance types ${instanceTypes.join(", ")} differ in size (${[...shapes].join(" vs ")}); ` +
        "cluster-autoscaler needs one CPU and memory shape per group: split the group or pick equal types",
    );
  }
}
