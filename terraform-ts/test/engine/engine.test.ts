import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MOTO_ENV, type MotoServer, startMoto } from "../../../harness/moto";
import { ENVIRONMENTS } from "../../src/config/environments";
import type { EnvName } from "../../src/config/types";
import { seedAccountBeforeStack } from "./account-fixtures";
import { teardownOverride } from "./engine-override";
import {
  type EnginePlanScope,
  enginePlanScope,
  PhaseTimings,
  removeSynthesizedStacks,
  synthesizedStackPath,
} from "./engine-run";
import { failedOnlyOnRetriedDelete } from "./moto-gaps";
import { withoutInventedValues } from "./moto-invented";
import { planSummary, resultSummary, TerraformWorkspace } from "./terraform-workspace";

const repoRoot = path.resolve(__dirname, "..", "..", "..");
const MINUTES = 60_000;
const timings = new PhaseTimings();

afterAll(() => {
  console.log(timings.report());
  removeSynthesizedStacks();
});

/**
 * Each stack, as synthesized, through the real Terraform engine (1.11, hashicorp/aws 5.100.0 from the local
 * mirror) against a fresh moto account: init, validate, plan, apply, plan again (no changes), resolve the
 * published SSM outputs, destroy. Only the resources listed in moto-gaps.ts are left out of the apply.
 */
describe.each(Object.keys(ENVIRONMENTS) as EnvName[])("the %s stack on the Terraform engine", (envName) => {
  const env = ENVIRONMENTS[envName];
  const stackJsonPath = synthesizedStackPath(envName);
  let moto: MotoServer;
  let workspace: TerraformWorkspace;
  let scope: EnginePlanScope;
  /** Resource instances the apply created (the validation records count once per domain name). */
  let applied = 0;
  const timed = async (phase: string, args: string[], timeoutMs: number) => {
    const run = await workspace.run(args, timeoutMs);
    timings.record(envName, phase, run.seconds, resultSummary(run.output));
    return run;
  };

  beforeAll(async () => {
    // GIVEN a fresh AWS account (moto, AWS-managed IAM policies loaded) with only what exists before the stack
    moto = await startMoto({ MOTO_IAM_LOAD_MANAGED_POLICIES: "true" });
    await seedAccountBeforeStack(moto.endpoint, env);
    workspace = new TerraformWorkspace(stackJsonPath, moto.endpoint);
    scope = enginePlanScope(stackJsonPath);
    console.log(
      `${envName}: ${scope.resources.length} resources, ${scope.excluded.length} left out of the apply:\n` +
        scope.excluded.map((resource) => `  ${resource.path} (${resource.address}): ${resource.reason}`).join("\n"),
    );
  }, 2 * MINUTES);

  let failed = false;
  afterEach((context) => {
    if (context.task.result?.state === "fail") failed = true;
  });

  afterAll(async () => {
    await moto?.stop();
    // A failed stack keeps its directory (state, plans, override files) for a look afterwards.
    if (failed) console.log(`${envName}: Terraform working directory kept: ${workspace?.dir}`);
    else workspace?.remove();
  });

  it("initializes from the local provider mirror, offline, with the provider version the bindings synthesize", async () => {
    const init = await timed("init", ["init", "-input=false", "-no-color"], 2 * MINUTES);
    expect(init.status, init.output).toBe(0);
    expect(init.output).toContain("Installing hashicorp/aws v5.100.0");
    expect(init.output).toContain('Successfully configured the backend "local"');
  });

  it("validates", async () => {
    const validate = await timed("validate", ["validate", "-no-color"], 2 * MINUTES);
    expect(validate.status, validate.output).toBe(0);
    expect(validate.output).toContain("The configuration is valid");
  });

  it("plans every resource on a fresh account, the certificate's validation records included", async () => {
    const plan = await timed("plan (all resources)", ["plan", "-input=false", "-no-color"], 5 * MINUTES);
    expect(plan.status, plan.output).toBe(0);
    // Every resource once, the validation records once per domain name (the apex and its wildcard).
    expect(planSummary(plan.output)).toEqual({ add: scope.resources.length + 1, change: 0, destroy: 0 });
  });

  it("applies every resource but the listed moto gaps", async () => {
    const plan = await timed(
      "plan (targeted)",
      ["plan", "-input=false", "-no-color", "-out=engine.tfplan", ...scope.targetFlags],
      5 * MINUTES,
    );
    expect(plan.status, plan.output).toBe(0);
    applied = planSummary(plan.output)?.add ?? 0;
    expect(applied).toBe(scope.resources.length - scope.excluded.length + 1);
    const apply = await timed("apply", ["apply", "-input=false", "-no-color", "engine.tfplan"], 15 * MINUTES);
    expect(apply.status, `${apply.output.slice(-6000)}\nmoto's errors:\n${moto.errors().slice(-3000)}`).toBe(0);
    expect(apply.output).toContain(`Apply complete! Resources: ${applied} added, 0 changed, 0 destroyed`);
  });

  it("plans no changes on a second run with the same targets (the apply converged)", async () => {
    const plan = await timed(
      "plan again",
      ["plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=again.tfplan", ...scope.targetFlags],
      5 * MINUTES,
    );
    // -detailed-exitcode: 0 no changes, 1 error, 2 changes (listed in the failure message).
    const changes = plan.status === 2 ? await workspace.plannedChanges("again.tfplan") : [];
    expect(plan.status, [plan.output.slice(-3000), ...changes].join("\n")).toBe(0);
    expect(plan.output).toContain("No changes.");
  });

  it("publishes SSM outputs that resolve reads back as the committed outputs file, up to moto-invented IDs", () => {
    const outputsDir = mkdtempSync(path.join(tmpdir(), "engine-outputs-"));
    const started = performance.now();
    const resolve = spawnSync(
      "npm",
      ["run", "--silent", "resolve", "--", "--env", envName, "--endpoint", moto.endpoint, "--outputs", outputsDir],
      { cwd: repoRoot, encoding: "utf8", env: { ...process.env, ...MOTO_ENV } },
    );
    timings.record(envName, "resolve", (performance.now() - started) / 1000);
    expect(resolve.status, resolve.stderr).toBe(0);
    const read = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    const resolved = read(path.join(outputsDir, `${envName}.json`));
    const committed = read(path.join(repoRoot, "src", "env", "outputs", `${envName}.json`));
    expect(withoutInventedValues(resolved)).toEqual(withoutInventedValues(committed));
    rmSync(outputsDir, { recursive: true, force: true });
  });

  it("keeps the S3 backend users get: the unmodified stack initializes against the state bucket", async () => {
    // GIVEN the state bucket, which exists before any stack (README, "Before the first apply", step 1)
    const s3 = new S3Client({
      endpoint: moto.endpoint,
      region: env.remoteState.region,
      forcePathStyle: true,
      credentials: { accessKeyId: MOTO_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: MOTO_ENV.AWS_SECRET_ACCESS_KEY },
    });
    await s3.send(new CreateBucketCommand({ Bucket: env.remoteState.bucket }));
    s3.destroy();
    // WHEN the stack's own cdk.tf.json, without the test's override file, is initialized
    const users = new TerraformWorkspace(stackJsonPath, moto.endpoint, { withEngineOverride: false });
    const init = await users.run(
      ["init", "-input=false", "-no-color", "-backend-config=use_path_style=true"],
      2 * MINUTES,
    );
    // THEN Terraform configures the S3 backend on the env's bucket and key, nothing local
    expect(init.status, init.output).toBe(0);
    expect(init.output).toContain('Successfully configured the backend "s3"');
    expect(readFileSync(path.join(users.dir, ".terraform", "terraform.tfstate"), "utf8")).toContain(
      `"key": "${env.remoteState.key}"`,
    );
    users.remove();
  });

  it("destroys everything it applied, once an operator's guards are lifted", async () => {
    // GIVEN the teardown an operator does first: deletion protection off, buckets emptied on delete (the
    // log bucket holds access logs by now: moto delivers them as S3 does)
    const guarded = scope.resources.filter(({ address }) => /^aws_(db_instance|s3_bucket)\./.test(address));
    workspace.writeJson("teardown_override.tf.json", teardownOverride(guarded.map(({ address }) => address)));
    const unguard = await timed(
      "lift guards",
      ["apply", "-input=false", "-no-color", "-auto-approve", ...guarded.map(({ address }) => `-target=${address}`)],
      5 * MINUTES,
    );
    expect(unguard.status, unguard.output.slice(-4000)).toBe(0);
    // WHEN the stack is destroyed THEN nothing is left in the state
    const destroyArgs = ["destroy", "-input=false", "-no-color", "-auto-approve"];
    let destroy = await timed("destroy", destroyArgs, 15 * MINUTES);
    const retried = destroy.status !== 0 && failedOnlyOnRetriedDelete(destroy.output);
    if (retried) {
      console.log(
        `moto's non-idempotent DeleteVpcEndpoints hit a retried request; destroying again:\n${destroy.output.slice(-1500)}`,
      );
      destroy = await timed("destroy again", destroyArgs, 15 * MINUTES);
    }
    expect(destroy.status, `${destroy.output.slice(-6000)}\nmoto's errors:\n${moto.errors().slice(-3000)}`).toBe(0);
    // After a re-run the first run's deletions are not counted again: the empty state below is the proof.
    if (!retried) expect(destroy.output).toContain(`Destroy complete! Resources: ${applied} destroyed`);
    else expect(destroy.output).toMatch(/Destroy complete! Resources: \d+ destroyed/);
    const state = await workspace.run(["show", "-json", "-no-color"], MINUTES);
    const values = (JSON.parse(state.output) as { values?: { root_module?: { resources?: unknown[] } } }).values;
    expect(values?.root_module?.resources ?? []).toEqual([]);
  });
});
