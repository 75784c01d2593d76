import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { toolPath } from "../../harness/tools";
import { type EnvConfig, parseEnvConfig } from "../../src/env";
import { configOf, find, inputOf, manifestsOf, setAt, tempDir } from "../support/fixtures";
import { expectAt, firing } from "./alert-expectations";

/**
 * The restore drill's alerts on Prometheus 3's promtool, fed the series kube-state-metrics v2.19.1
 * exports about the drill's CronJob and Jobs (names and labels from internal/store/cronjob.go and
 * job.go), as Prometheus stores them after scraping (job="kube-state-metrics", honorLabels keeps
 * the object's namespace).
 */
let promtool = "";
beforeAll(() => {
  promtool = toolPath("prometheus-3", "promtool");
});

const NS = "candlefish-production-restore-drill";
const DRILL_JOB = "db-restore-drill-29433600";
const ksm = { namespace: NS, job: "kube-state-metrics" };
const cron = { ...ksm, cronjob: "db-restore-drill" };
const ofJob = { ...ksm, job_name: DRILL_JOB };
const series = (name: string, labels: Record<string, string>, values: string) => ({
  series: `${name}{${Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(",")}}`,
  values,
});
const owner = series(
  "kube_job_owner",
  { ...ofJob, owner_kind: "CronJob", owner_name: "db-restore-drill", owner_is_controller: "true" },
  "1x200",
);
const HOUR = 3600;

/** Long tests (weeks) at a 1 h evaluation interval, short ones (hours) at 1 m: promtool steps through every one. */
function tests(env: EnvConfig, long: boolean) {
  const healthyCron = [
    series("kube_cronjob_created", cron, "0x1000"),
    series("kube_cronjob_status_last_successful_time", cron, "0x1000"),
  ];
  const all = [
    {
      name: "a drill that succeeded 10 days ago is quiet; at 36 days it is overdue",
      interval: "1h",
      input_series: healthyCron,
      alert_rule_test: [
        expectAt("240h", "restoreDrillOverdue", []),
        expectAt("864h", "restoreDrillOverdue", [firing(env, "restoreDrillOverdue", cron)]),
      ],
    },
    {
      name: "a CronJob that never succeeded is overdue 35 days after its creation",
      interval: "1h",
      input_series: [series("kube_cronjob_created", cron, "0x1000")],
      alert_rule_test: [
        expectAt("48h", "restoreDrillOverdue", []),
        expectAt("864h", "restoreDrillOverdue", [firing(env, "restoreDrillOverdue", cron)]),
      ],
    },
    {
      name: "no drill CronJob at all is a failed drill",
      interval: "1m",
      input_series: [series("up", { job: "kube-state-metrics" }, "1x200")],
      alert_rule_test: [
        expectAt("2h", "restoreDrillOverdue", [
          firing(env, "restoreDrillOverdue", { namespace: NS, cronjob: "db-restore-drill" }),
        ]),
      ],
    },
    {
      name: "a failed drill Job alerts at once",
      interval: "1m",
      input_series: [...healthyCron, owner, series("kube_job_failed", { ...ofJob, condition: "true" }, "1x200")],
      alert_rule_test: [
        expectAt("10m", "restoreDrillFailed", [firing(env, "restoreDrillFailed", { ...ofJob, condition: "true" })]),
      ],
    },
    {
      name: "a drill that took 2.5 h is slower than the 2 h RTO; one that took 1.5 h is not",
      interval: "1m",
      input_series: [
        ...healthyCron,
        owner,
        series("kube_job_status_start_time", ofJob, "0x200"),
        series("kube_job_status_completion_time", ofJob, `${2.5 * HOUR}x200`),
        series("kube_job_status_start_time", { ...ofJob, job_name: "db-restore-drill-quick" }, "0x200"),
        series(
          "kube_job_status_completion_time",
          { ...ofJob, job_name: "db-restore-drill-quick" },
          `${1.5 * HOUR}x200`,
        ),
        series(
          "kube_job_owner",
          {
            ...ofJob,
            job_name: "db-restore-drill-quick",
            owner_kind: "CronJob",
            owner_name: "db-restore-drill",
            owner_is_controller: "true",
          },
          "1x200",
        ),
      ],
      alert_rule_test: [expectAt("3h", "restoreDrillSlow", [firing(env, "restoreDrillSlow", ofJob)])],
    },
    {
      name: "a drill still running past the RTO alerts before it ends",
      interval: "1m",
      input_series: [
        ...healthyCron,
        owner,
        series("kube_job_status_start_time", ofJob, "0x200"),
        series("kube_job_status_active", ofJob, "1x200"),
      ],
      alert_rule_test: [
        expectAt("110m", "restoreDrillSlow", []),
        expectAt("130m", "restoreDrillSlow", [firing(env, "restoreDrillSlow", ofJob)]),
      ],
    },
  ];
  return all.filter((test) => (test.interval === "1h") === long);
}

function run(config: EnvConfig) {
  const dir = tempDir("promtool-restore-drill");
  const rule = find(manifestsOf(config), "PrometheusRule", "restore-drill");
  writeFileSync(join(dir, "rules.yaml"), stringify(rule.spec));
  const files = ([true, false] as const).map((long) => {
    const file = join(dir, `restore-drill-${long ? "weeks" : "hours"}.test.yaml`);
    const evaluation_interval = long ? "1h" : "1m";
    writeFileSync(file, stringify({ rule_files: ["rules.yaml"], evaluation_interval, tests: tests(config, long) }));
    return file;
  });
  const result = spawnSync(promtool, ["test", "rules", ...files], { encoding: "utf8", cwd: dir });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("restore drill alerts (promtool, Prometheus 3)", () => {
  it("accepts the rendered rules", () => {
    const dir = tempDir("promtool-restore-drill-check");
    const path = join(dir, "rules.yaml");
    writeFileSync(path, stringify(find(manifestsOf(configOf("production")), "PrometheusRule", "restore-drill").spec));
    const check = spawnSync(promtool, ["check", "rules", path], { encoding: "utf8" });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  it("alerts on an overdue, missing, failed or slower-than-RTO drill, and on nothing else", () => {
    const { status, output } = run(configOf("production"));
    expect(status, output).toBe(0);
    expect(output).toContain("SUCCESS");
  });

  it("fails the suite once the drill may be 60 days old: the 36-day-old drill no longer alerts", () => {
    const input = inputOf("production");
    setAt(input, ["database", "restoreDrill", "maxDaysBetweenDrills"], 60);
    const { status, output } = run(parseEnvConfig("production", input));
    expect(status).not.toBe(0);
    expect(output).toContain("RestoreDrillOverdue");
  });

  it("fails the suite once the RTO is 3 hours: the 2.5-hour drill no longer alerts", () => {
    const input = inputOf("production");
    setAt(input, ["database", "restoreDrill", "recoveryTimeObjectiveMinutes"], 180);
    const { status, output } = run(parseEnvConfig("production", input));
    expect(status).not.toBe(0);
    expect(output).toContain("RestoreDrillSlowerThanRto");
  });
});
