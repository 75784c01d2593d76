import { z } from "zod";

const count = z.int().min(0, "must be 0 or more");
const positive = z.int().min(1, "must be at least 1");

/** One managed node group as terraform-ts built it (terraform-ts/src/config/node-facts.ts). */
const nodeGroupSchema = z.strictObject({
  name: z.string().min(1, "must name the node group"),
  capacityType: z.enum(["ON_DEMAND", "SPOT"], { error: "must be ON_DEMAND or SPOT" }),
  instanceTypes: z.array(z.string().min(1)).min(1, "must list at least one instance type"),
  /** One zone per group: cluster-autoscaler can then grow the zones that survive an outage. */
  zones: z.array(z.string()).length(1, "must be one zone (one managed group per zone)"),
  minSize: count,
  maxSize: count,
});

/** What one instance type hands the kubelet, and what the EKS AMI keeps back from pods. */
const instanceTypeSchema = z.strictObject({
  cpuMillis: positive,
  memoryMib: positive,
  /** --max-pods for the VPC CNI mode the cluster runs (secondary IPs: ENIs x (IPs per ENI - 1) + 2). */
  maxPods: positive,
  reservedCpuMillis: count,
  /** kube-reserved memory plus the hard eviction threshold. */
  reservedMemoryMib: count,
});

/** The cluster's node groups and their instance types: what the capacity rules count on. */
export const nodesSchema = z
  .strictObject({
    nodeGroups: z.array(nodeGroupSchema).min(1, "must list at least one node group"),
    instanceTypes: z.record(z.string(), instanceTypeSchema),
  })
  .superRefine((nodes, ctx) => {
    nodes.nodeGroups.forEach((group, index) => {
      for (const type of group.instanceTypes) {
        if (nodes.instanceTypes[type] === undefined) {
          const message = `must be described in nodes.instanceTypes (${type} is not)`;
          ctx.addIssue({ code: "custom", path: ["nodeGroups", index, "instanceTypes"], message, input: type });
        }
      }
      if (group.maxSize < group.minSize) {
        const message = `must be at least minSize = ${group.minSize}`;
        ctx.addIssue({ code: "custom", path: ["nodeGroups", index, "maxSize"], message, input: group.maxSize });
      }
    });
  });

export type NodesConfig = z.output<typeof nodesSchema>;
