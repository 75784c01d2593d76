import { beforeEach, describe, expect, it } from "vitest";
import { type LauncherCheckout, renderedCheckout } from "../support/launcher";

let co: LauncherCheckout;

beforeEach(() => {
  co = renderedCheckout();
}, 120_000);

describe("npm run synth on the fast path refuses bad input (bin/candlefish.cjs)", () => {
  it("names a malformed committed JSON file with its line and column, exits 2 and writes nothing", () => {
    co.write("src/env/outputs/production.json", '{ "clusterName": ');
    const stderr = co.refusedSynth();
    expect(stderr).toContain(
      "env production: src/env/outputs/production.json: not valid JSON: value expected (line 1, column 18)",
    );
    expect(stderr).toContain("nothing written: fix the problem above");
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("names a Git conflict marker in a committed JSON file, exits 2 and writes nothing", () => {
    co.edit("src/env/images/production.json", "{", "{\n<<<<<<< HEAD\n=======\n>>>>>>> release");
    const stderr = co.refusedSynth();
    expect(stderr).toMatch(
      /^env production: src\/env\/images\/production\.json: Git conflict marker "<<<<<<<" \(line 2, column 1\)/m,
    );
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("shows where a source does not compile, once, exits 2 and writes nothing", () => {
    co.edit(
      "src/env/base.ts",
      "/** What staging and production share. */",
      "export const broken = ;\n/** What staging and production share. */",
    );
    const stderr = co.refusedSynth();
    expect(stderr.match(/src\/env\/base\.ts:\d+:\d+:/g)).toHaveLength(1);
    expect(stderr).toContain("the code does not build: fix the errors above");
  });

  it("refuses an invalid env with the env, the field path and the value, and writes nothing", () => {
    co.edit(
      "src/env/production.ts",
      'domain: "candlefish.ai",',
      'domain: "candlefish.ai",\n  workloads: { website: { hpa: { minReplicas: 2 } } },',
    );
    expect(co.refusedSynth()).toMatch(/^env production: workloads\.website\.hpa\.minReplicas: .* \(got 2\)$/m);
  }, 120_000);

  it("refuses production without its manual gate, as the delivery policy says, and writes nothing", () => {
    co.edit(
      "src/env/production.ts",
      'domain: "candlefish.ai",',
      'domain: "candlefish.ai",\n  workloads: { website: { rollout: { autoPromotionEnabled: true } } },',
    );
    expect(co.refusedSynth()).toMatch(
      /^env production: workloads\.website\.rollout\.autoPromotionEnabled: must be false: the delivery policy .* \(got true\)$/m,
    );
  }, 120_000);

  it("refuses a cron field out of range, with the parser's range, and writes nothing", () => {
    co.edit("src/env/base.ts", 'backupSchedule: "17 3 * * *"', 'backupSchedule: "61 3 * * *"');
    expect(co.refusedSynth()).toContain(
      'env production: database.backupSchedule: must be a valid cron expression: Constraint error, got value 61 expected range 0-59 (got "61 3 * * *")',
    );
  }, 120_000);
});
