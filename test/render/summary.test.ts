import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnvConfig } from "../../src/env";
import { envSummary } from "../../src/render/summary";
import { ALERTS } from "../../src/slo/alert-catalog";
import { configOf, inputOf, setAt } from "../support/fixtures";

describe("dist/<env>/README.md, the on-call page", () => {
  it("names the production image, the manual gate and the SLO thresholds", () => {
    const { content } = envSummary(configOf("production"), "../../docs/runbooks");
    expect(content).toContain("| image | `candlefish/website:v1.0.0` |");
    expect(content).toContain("waits for `kubectl argo rollouts promote website -n candlefish-production`");
    expect(content).toContain("| error rate | preview, then active | ≤ 0.1 %");
    expect(content).toContain("| replicas | 3–20");
  });

  it("says staging promotes itself", () => {
    expect(envSummary(configOf("staging"), "x").content).toContain("promotes itself after the pre-promotion gates");
  });

  it("follows the SLO when it changes", () => {
    const input = inputOf("production");
    setAt(input, ["slo", "availability"], 0.99);
    setAt(input, ["slo", "errorRate"], 0.01);
    expect(envSummary(parseEnvConfig("production", input), "x").content).toContain("≤ 1 %");
  });

  it("links every alert to a runbook page that exists", () => {
    const { content } = envSummary(configOf("production"), "../../docs/runbooks");
    for (const alert of Object.values(ALERTS)) {
      expect(content).toContain(`| ${alert.name} | ${alert.severity} |`);
      expect(existsSync(join("dist/production", `../../docs/runbooks/${alert.runbook}.md`))).toBe(true);
    }
  });
});
