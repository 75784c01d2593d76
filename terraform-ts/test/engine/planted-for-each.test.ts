import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MotoServer, startMoto } from "../../../harness/moto";
import { staging } from "../../src/config/environments";
import { seedAccountBeforeStack } from "./account-fixtures";
import { removeSynthesizedStacks, synthesizedStackPath } from "./engine-run";
import { stackResources } from "./stack-graph";
import { TerraformWorkspace } from "./terraform-workspace";

const MINUTES = 60_000;

/** The for_each CDKTF's TerraformIterator.fromComplexList renders from `certificate.domainValidationOptions`. */
const plantOldPattern = (stackJson: string) =>
  stackJson.replace(
    /for key, val in (aws_acm_certificate\.\w+\.domain_validation_options):/,
    "for key, val in tolist($1):",
  );

/**
 * The bug the engine found first: keyed through tolist(), the ACM validation records cannot be planned on
 * an account where the certificate does not exist yet. Planted back into the synthesized stack, the real
 * engine must refuse it; the committed form must plan.
 */
describe("the ACM validation records on a fresh account (the for_each the engine found)", () => {
  const committedPath = synthesizedStackPath("staging");
  const committed = readFileSync(committedPath, "utf8");
  const validationRecords = stackResources(committed).find((resource) => resource.path === "certificate/validation");
  let moto: MotoServer;

  beforeAll(async () => {
    moto = await startMoto();
    await seedAccountBeforeStack(moto.endpoint, staging);
  }, 2 * MINUTES);

  afterAll(async () => {
    await moto?.stop();
    removeSynthesizedStacks();
  });

  /** init + plan of the validation records; the output carries everything, the directory goes. */
  const planRecords = async (stackJsonPath: string) => {
    const workspace = new TerraformWorkspace(stackJsonPath, moto.endpoint);
    try {
      const init = await workspace.run(["init", "-input=false", "-no-color"], 2 * MINUTES);
      expect(init.status, init.output).toBe(0);
      return await workspace.run(
        ["plan", "-input=false", "-no-color", `-target=${validationRecords?.address}`],
        5 * MINUTES,
      );
    } finally {
      workspace.remove();
    }
  };

  it("plans the committed form: keys are the domain names, known before the certificate exists", async () => {
    expect(validationRecords).toBeDefined();
    const plan = await planRecords(committedPath);
    expect(plan.status, plan.output).toBe(0);
    expect(plan.output).toContain(`${validationRecords?.address}["staging.candlefish.ai"] will be created`);
    expect(plan.output).toContain(`${validationRecords?.address}["*.staging.candlefish.ai"] will be created`);
  });

  it("fails to plan the old tolist() form with Invalid for_each argument", async () => {
    // GIVEN the synthesized stack with the old for_each planted back
    const planted = plantOldPattern(committed);
    expect(planted).not.toBe(committed);
    const plantedPath = path.join(mkdtempSync(path.join(tmpdir(), "engine-planted-")), "cdk.tf.json");
    writeFileSync(plantedPath, planted);
    // WHEN the engine plans it THEN it refuses, naming the records
    const plan = await planRecords(plantedPath);
    rmSync(path.dirname(plantedPath), { recursive: true, force: true });
    expect(plan.status).toBe(1);
    expect(plan.output).toContain("Invalid for_each argument");
    expect(plan.output).toContain(validationRecords?.address.split(".")[1]);
  });
});
