import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { toolPath } from "../../harness/tools";
import { type EnvConfig, parseEnvConfig } from "../../src/env";
import { configOf, find, inputOf, manifestsOf, setAt, tempDir } from "../support/fixtures";
import { SUITES } from "./suites";

let promtool = "";
beforeAll(() => {
  promtool = toolPath("prometheus-3", "promtool");
});

/** promtool reads rule groups, not a PrometheusRule: write the rendered object's spec. */
function writeRules(config: EnvConfig, dir: string): string {
  const rule = find(manifestsOf(config), "PrometheusRule", "website-slo");
  const path = join(dir, "rules.yaml");
  writeFileSync(path, stringify(rule.spec));
  return path;
}

function runSuite(config: EnvConfig, suite: keyof typeof SUITES) {
  const dir = tempDir(`promtool-${suite}`);
  writeRules(config, dir);
  const file = join(dir, `${suite}.test.yaml`);
  writeFileSync(
    file,
    stringify({ rule_files: ["rules.yaml"], evaluation_interval: "1m", tests: SUITES[suite](config) }),
  );
  const run = spawnSync(promtool, ["test", "rules", file], { encoding: "utf8", cwd: dir });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("promtool check rules", () => {
  for (const env of ["staging", "production"]) {
    it(`accepts the rendered ${env} rule groups`, () => {
      const run = spawnSync(promtool, ["check", "rules", writeRules(configOf(env), tempDir("check"))], {
        encoding: "utf8",
      });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/SUCCESS: \d+ rules found/);
    });
  }
});

describe("promtool test rules (production)", () => {
  for (const suite of Object.keys(SUITES) as (keyof typeof SUITES)[]) {
    it(`passes the ${suite} suite`, () => {
      const { status, output } = runSuite(configOf("production"), suite);
      expect(status, output).toBe(0);
      expect(output).toContain("SUCCESS");
    });
  }

  it("fails the availability suite once the objective is relaxed to 97 %", () => {
    // GIVEN a 3 % error budget, the 2 % burn no longer pages
    const input = inputOf("production");
    setAt(input, ["slo", "availability"], 0.97);
    const { status, output } = runSuite(parseEnvConfig("production", input), "availability");
    expect(status).not.toBe(0);
    expect(output).toContain("AvailabilityBudgetFastBurn");
  });

  it("fails the latency suite once the objective is relaxed to 5 s", () => {
    const input = inputOf("production");
    setAt(input, ["slo", "latencyP95Seconds"], 5);
    const { status, output } = runSuite(parseEnvConfig("production", input), "latency");
    expect(status).not.toBe(0);
    expect(output).toContain("LatencyP95AboveObjective");
  });
});
