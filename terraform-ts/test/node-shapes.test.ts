import { App } from "cdktf";
import { describe, expect, it } from "vitest";
import { staging } from "../src/config/environments";
import { assertOneShape } from "../src/config/instance-shapes";
import { CandlefishStack } from "../src/stacks/candlefish-stack";

describe("node groups have one CPU and memory shape each (cluster-autoscaler's model of a group)", () => {
  it("accepts types of equal size from different families", () => {
    expect(() => assertOneShape("spot", ["t3.medium", "t3a.medium"])).not.toThrow();
  });

  it("refuses a group that mixes sizes, naming the group and both shapes", () => {
    expect(() => assertOneShape("spot", ["t3.medium", "t3.large"])).toThrow(
      /node group spot: instance types t3.medium, t3.large differ in size \(2 vCPU\/4 GiB vs 2 vCPU\/8 GiB\)/,
    );
  });

  it("refuses an instance type whose shape it does not know", () => {
    expect(() => assertOneShape("spot", ["x9.huge"])).toThrow(/unknown instance type\(s\) x9.huge/);
  });

  it("fails the synth of an env whose spot group mixes t3.medium and t3.large", () => {
    const mixed = {
      ...staging,
      eks: {
        ...staging.eks,
        nodeGroups: {
          ...staging.eks.nodeGroups,
          spot: { ...staging.eks.nodeGroups.spot, instanceTypes: ["t3.medium", "t3.large"] },
        },
      },
    };
    expect(() => new CandlefishStack(new App({ outdir: "/tmp/unused" }), mixed)).toThrow(/differ in size/);
  });
});
