import { readFileSync } from "node:fs";
import path from "node:path";
import { App, Testing } from "cdktf";
import { describe, expect, it } from "vitest";
import { ENVIRONMENTS, staging } from "../src/config/environments";
import { CandlefishStack } from "../src/stacks/candlefish-stack";
import { ENV_NAMES } from "./synthesized";

/** What the GitOps side currently expects (src/env/outputs/<env>.json, written by `npm run resolve`). */
interface GitOpsOutputs {
  region: string;
  clusterName: string;
  vpcCidr: string;
  publicSubnetCidrs: string[];
  privateSubnetCidrs: string[];
  dataSubnetCidrs: string[];
  backupBucket: string;
}

const gitOpsOutputs = (envName: string): GitOpsOutputs =>
  JSON.parse(
    readFileSync(path.resolve(__dirname, "../../src/env/outputs", `${envName}.json`), "utf8"),
  ) as GitOpsOutputs;

describe("the typed environment config", () => {
  it("defines exactly the GitOps side's environments: staging and production", () => {
    expect(ENV_NAMES.sort()).toEqual(["production", "staging"]);
  });

  it.each(ENV_NAMES)("agrees with src/env/outputs/%s.json on region, cluster, CIDRs and backup bucket", (envName) => {
    const env = ENVIRONMENTS[envName];
    const outputs = gitOpsOutputs(envName);
    expect({
      region: env.region,
      clusterName: `candlefish-${env.name}`,
      vpcCidr: env.network.vpcCidr,
      publicSubnetCidrs: env.network.publicSubnetCidrs,
      privateSubnetCidrs: env.network.privateSubnetCidrs,
      dataSubnetCidrs: env.network.dataSubnetCidrs,
      backupBucket: env.storage.backupsBucket,
    }).toEqual({
      region: outputs.region,
      clusterName: outputs.clusterName,
      vpcCidr: outputs.vpcCidr,
      publicSubnetCidrs: outputs.publicSubnetCidrs,
      privateSubnetCidrs: outputs.privateSubnetCidrs,
      dataSubnetCidrs: outputs.dataSubnetCidrs,
      backupBucket: outputs.backupBucket,
    });
  });

  it("refuses a Redis without a replica, which could not fail over", () => {
    const unsafe = { ...staging, redis: { ...staging.redis, cacheClusters: 1 } };
    expect(() => new CandlefishStack(new App({ outdir: "/tmp/unused" }), unsafe)).toThrow(/at least 2/);
  });

  it("creates the hosted zone instead of looking it up when the config says so", () => {
    const owned = {
      ...staging,
      edge: { ...staging.edge, hostedZone: { mode: "create" as const, name: "staging.candlefish.ai" } },
    };
    const synthesized = Testing.synth(new CandlefishStack(Testing.app(), owned));
    expect(
      Testing.toHaveResourceWithProperties(synthesized, "aws_route53_zone", { name: "staging.candlefish.ai" }),
    ).toBe(true);
    expect(Testing.toHaveDataSource(synthesized, "aws_route53_zone")).toBe(false);
  });

  it("looks the hosted zone up by default", () => {
    const synthesized = Testing.synth(new CandlefishStack(Testing.app(), staging));
    expect(Testing.toHaveDataSourceWithProperties(synthesized, "aws_route53_zone", { name: "candlefish.ai" })).toBe(
      true,
    );
    expect(Testing.toHaveResource(synthesized, "aws_route53_zone")).toBe(false);
  });
});
