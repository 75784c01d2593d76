import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { toolPath } from "../../harness/tools";
import { RECEIVERS } from "../../src/addons/alertmanager-config";
import { ALERTS } from "../../src/slo/alert-catalog";
import { addOnReleases } from "../../src/validate/addons/add-on-releases";
import { configOf, tempDir } from "../support/fixtures";

/** The Alertmanager config an env's kube-prometheus-stack Application carries, read back from argocd/apps. */
function renderedConfig(env: string): { file: string; config: Record<string, unknown> } {
  const release = addOnReleases("argocd/apps").find(
    (candidate) => candidate.application === `kube-prometheus-stack-${env}`,
  );
  const config = (release?.values.alertmanager as { config?: Record<string, unknown> } | undefined)?.config;
  if (config === undefined) throw new Error(`kube-prometheus-stack-${env} carries no alertmanager.config`);
  const file = join(tempDir(`alertmanager-${env}`), "alertmanager.yaml");
  writeFileSync(file, stringify(config));
  return { file, config };
}

function amtool(...args: string[]) {
  const run = spawnSync(toolPath("prometheus-3", "amtool"), args, { encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The receiver amtool's routing tree picks for an alert with these labels. */
function routeOf(file: string, labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}=${value}`);
  const { status, output } = amtool("config", "routes", "test", `--config.file=${file}`, ...pairs);
  expect(status, output).toBe(0);
  return output.trim();
}

describe("Alertmanager routing, checked by the real amtool v0.33.1", () => {
  for (const env of ["staging", "production"]) {
    it(`accepts ${env}'s rendered config (amtool check-config)`, () => {
      const { status, output } = amtool("check-config", renderedConfig(env).file);
      expect(status, output).toBe(0);
      expect(output).toContain("SUCCESS");
    });

    it(`routes every alert of the catalog in ${env} to a person, never to nothing`, () => {
      const { file } = renderedConfig(env);
      const pager = configOf(env).monitoring.alerting.pager;
      for (const alert of Object.values(ALERTS)) {
        const receiver = routeOf(file, {
          alertname: alert.name,
          severity: alert.severity,
          namespace: configOf(env).namespace,
        });
        const expected = alert.severity === "critical" && pager ? RECEIVERS.pager : RECEIVERS.chat;
        expect(receiver, `${env} ${alert.name} (${alert.severity})`).toBe(expected);
      }
    });
  }

  it("pages for production's critical alerts and chats its warnings", () => {
    const { file } = renderedConfig("production");
    expect(routeOf(file, { alertname: "AvailabilityBudgetFastBurn", severity: "critical" })).toBe(RECEIVERS.pager);
    expect(routeOf(file, { alertname: "AvailabilityBudgetSlowBurn", severity: "warning" })).toBe(RECEIVERS.chat);
  });

  it("sends kube-prometheus-stack's Watchdog heartbeat nowhere", () => {
    expect(routeOf(renderedConfig("production").file, { alertname: "Watchdog", severity: "none" })).toBe(
      RECEIVERS.none,
    );
  });

  it("holds a warning back while a critical alert of the same workload and SLO fires", () => {
    const { config } = renderedConfig("production");
    expect(config.inhibit_rules).toEqual([
      {
        source_matchers: ['severity="critical"'],
        target_matchers: ['severity="warning"'],
        equal: ["namespace", "service", "slo", "name"],
      },
    ]);
  });

  it("keeps credentials out of the config: receivers read them from the mounted Secret's files", () => {
    const text = stringify(renderedConfig("production").config);
    expect(text).not.toMatch(/routing_key:|api_url:|hooks\.slack\.com|events\.pagerduty\.com/);
    expect(text).toContain("routing_key_file: /etc/alertmanager/secrets/alertmanager-receivers/pager-routing-key");
  });
});
