import { describe, expect, it } from "vitest";
import { delivery, parseDeliveryConfig, parseEnvConfig } from "../../src/env";
import { manualGateProblems } from "../../src/env/delivery-rules";
import { inputOf, setAt } from "../support/fixtures";

/** GIVEN production's config with one field changed, WHEN it is parsed. */
function parseWith(path: (string | number)[], value: unknown) {
  const input = inputOf("production");
  setAt(input, path.map(String), value);
  return () => parseEnvConfig("production", input);
}

describe("render-time rules across the infra outputs", () => {
  it("refuses a subnet outside the VPC CIDR, quoting the VPC's range", () => {
    expect(parseWith(["infra", "privateSubnetCidrs", 1], "10.9.11.0/24")).toThrow(
      'env production: infra.privateSubnetCidrs.1: must lie inside vpcCidr = 10.0.0.0/16 (10.9.11.0/24 does not) (got "10.9.11.0/24")',
    );
  });

  it("refuses two subnets that overlap, naming the other one", () => {
    expect(parseWith(["infra", "dataSubnetCidrs", 0], "10.0.10.128/25")).toThrow(
      'env production: infra.dataSubnetCidrs.0: must not overlap privateSubnetCidrs.0 = 10.0.10.0/24 (got "10.0.10.128/25")',
    );
  });

  it("refuses an availability zone of another region than the outputs'", () => {
    expect(parseWith(["topology", "zones", 2], "eu-west-1c")).toThrow(
      'env production: topology.zones.2: must be a zone of infra.region = us-east-1 (got "eu-west-1c")',
    );
  });

  it("refuses a regional ARN of another region", () => {
    const arn = "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000";
    expect(parseWith(["infra", "certificateArn"], arn)).toThrow(
      "env production: infra.certificateArn: must be in region = us-east-1 (this acm ARN's region is eu-west-1) (got",
    );
  });

  it("refuses an ARN of another account", () => {
    const arn = "arn:aws:iam::999999999999:role/candlefish-production-db-ops";
    expect(parseWith(["infra", "dbOpsRoleArn"], arn)).toThrow(
      `env production: infra.dbOpsRoleArn: must be in accountId = 123456789012 (this ARN's account is 999999999999) (got "${arn}")`,
    );
  });
});

describe("render-time rules on schedules", () => {
  it("refuses a cron field out of range with the parser's range", () => {
    expect(parseWith(["database", "backupSchedule"], "61 3 * * *")).toThrow(
      'env production: database.backupSchedule: must be a valid cron expression: Constraint error, got value 61 expected range 0-59 (got "61 3 * * *")',
    );
  });

  it("refuses Sunday as 7, which cron-parser takes and Kubernetes' CronJob parser (robfig/cron v3) does not", () => {
    expect(parseWith(["database", "backupSchedule"], "17 3 * * 5-7")).toThrow(
      'env production: database.backupSchedule: must be a valid cron expression: day of week 7 is above 6: Kubernetes and Argo CD (robfig/cron v3) count 0-6, Sunday is 0 (got "17 3 * * 5-7")',
    );
  });

  it("refuses cron-parser's L, W and # extensions, which robfig/cron v3 does not parse", () => {
    expect(parseWith(["database", "backupSchedule"], "17 3 * * 5L")).toThrow(
      'must be a valid cron expression: "L" is not cron syntax Kubernetes and Argo CD parse (robfig/cron v3)',
    );
  });

  it("takes day and month names and a step over the week, as robfig/cron v3 does", () => {
    expect(parseWith(["database", "backupSchedule"], "17 3 * jan-dec sun,wed")).not.toThrow();
    expect(parseWith(["database", "backupSchedule"], "17 3 * * */7")).not.toThrow();
  });

  it("refuses a sync window whose cron is out of range", () => {
    const input = { ...delivery, productionSyncWindow: { ...delivery.productionSyncWindow, schedule: "0 7 * * 1-9" } };
    expect(() => parseDeliveryConfig(input)).toThrow(
      /^delivery: productionSyncWindow\.schedule: must be a valid cron expression: Constraint error, got range 1-9 expected range 0-7/,
    );
  });
});

describe("the delivery policy's manual gate", () => {
  it("refuses production with autoPromotionEnabled, naming the policy", () => {
    const input = inputOf("production");
    setAt(input, ["workloads", "website", "rollout", "autoPromotionEnabled"], true);
    const problems = manualGateProblems(parseDeliveryConfig(delivery), [parseEnvConfig("production", input)]);
    expect(problems).toEqual([
      'env production: workloads.website.rollout.autoPromotionEnabled: must be false: the delivery policy (src/env/delivery.ts manualPromotionEnvs = ["production"]) requires a manual promotion in this env (got true)',
    ]);
  });

  it("lets staging promote itself", () => {
    const problems = manualGateProblems(parseDeliveryConfig(delivery), [parseEnvConfig("staging", inputOf("staging"))]);
    expect(problems).toEqual([]);
  });
});
