import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type EnvConfig, parseEnvConfig } from "../../src/env";
import { type MeasurementPhase, measurementPhase } from "../../src/slo/condition-evaluator";
import { prometheusGates } from "../support/analysis";
import { resolveArgs } from "../support/argo-args";
import { configOf, inputOf, setAt, tempDir } from "../support/fixtures";
import { freePort, type Managed, startManaged, stopManaged, waitFor } from "../support/processes";
import { namespaceOf, type Role, SCENARIOS, type ScenarioName } from "../support/scenarios";
import { toolPath } from "../support/tools";

const SCRAPE_INTERVAL = "500ms";
let prometheus: Managed | undefined;
let exporter: Managed | undefined;
let prometheusUrl = "";

/** The scrape config kube-prometheus would build from the ServiceMonitor, as static targets. */
function scrapeConfig(exporterPort: number): string {
  const jobs = Object.keys(SCENARIOS).flatMap((scenario) =>
    (["active", "preview"] as Role[]).map((role) => ({
      job_name: `${scenario}-${role}`,
      metrics_path: `/metrics/${scenario}/${role}`,
      static_configs: [
        {
          targets: [`127.0.0.1:${exporterPort}`],
          labels: { namespace: namespaceOf(scenario), service: "website-metrics", candlefish_ai_rollout_role: role },
        },
      ],
    })),
  );
  return stringify({
    global: { scrape_interval: SCRAPE_INTERVAL, evaluation_interval: SCRAPE_INTERVAL },
    scrape_configs: jobs,
  });
}

interface QueryResponse {
  status: string;
  error?: string;
  data: { resultType: string; result: { value: [number, string] }[] };
}

async function query(promql: string): Promise<QueryResponse> {
  const response = await fetch(`${prometheusUrl}/api/v1/query`, {
    method: "POST",
    body: new URLSearchParams({ query: promql }),
  });
  return (await response.json()) as QueryResponse;
}

/** Runs one rendered gate, args substituted, and judges it as the controller would. */
async function judge(gate: ReturnType<typeof prometheusGates>[number]): Promise<MeasurementPhase> {
  const response = await query(resolveArgs(gate.query, gate.args));
  if (response.status !== "success") throw new Error(`Prometheus refused ${gate.metric}: ${response.error}`);
  const values = response.data.result.map((sample) => Number(sample.value[1]));
  return measurementPhase(values, gate);
}

/** A template passes when every gate passes, fails when one fails, else it is inconclusive. */
function overall(phases: MeasurementPhase[]): MeasurementPhase {
  if (phases.includes("Failed") || phases.includes("Error")) return "Failed";
  return phases.every((phase) => phase === "Successful") ? "Successful" : "Inconclusive";
}

async function outcomes(config: EnvConfig, scenario: ScenarioName): Promise<Record<string, MeasurementPhase>> {
  const gates = prometheusGates(config, namespaceOf(scenario));
  const byTemplate: Record<string, MeasurementPhase[]> = {};
  for (const gate of gates) {
    byTemplate[gate.template] = [...(byTemplate[gate.template] ?? []), await judge(gate)];
  }
  return Object.fromEntries(Object.entries(byTemplate).map(([template, phases]) => [template, overall(phases)]));
}

describe("release gates against a real Prometheus", () => {
  beforeAll(async () => {
    const buckets = configOf("production").workloads.website?.metrics.latencyBuckets ?? [];
    exporter = startManaged(process.execPath, [
      "--import",
      "tsx",
      "test/support/synthetic-exporter.ts",
      JSON.stringify(buckets),
    ]);
    const exporterPort = await waitFor(
      "the synthetic exporter",
      async () => Number(/listening (\d+)/.exec(exporter?.output() ?? "")?.[1]) || undefined,
    );

    const dir = tempDir("prometheus");
    mkdirSync(join(dir, "data"));
    writeFileSync(join(dir, "prometheus.yml"), scrapeConfig(exporterPort));
    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${port}`;
    const started = performance.now();
    prometheus = startManaged(toolPath("bin", "prometheus"), [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ]);
    await waitFor("Prometheus /-/ready", async () => ((await fetch(`${prometheusUrl}/-/ready`)).ok ? true : undefined));
    const readySeconds = (performance.now() - started) / 1000;
    // rate() needs at least two samples of every series; wait for three.
    await waitFor("three scrapes of every target", async () => {
      const up = await query("count(up == 1) and on() min(count_over_time(up[1m])) >= 3");
      return Number(up.data.result[0]?.value[1]) === Object.keys(SCENARIOS).length * 2 ? true : undefined;
    });
    console.info(
      `Prometheus pid ${prometheus.pid} ready in ${readySeconds.toFixed(2)} s; data ready ${((performance.now() - started) / 1000).toFixed(2)} s after start`,
    );
  }, 60_000);

  afterAll(async () => {
    await stopManaged(prometheus);
    await stopManaged(exporter);
  });

  const production = () => configOf("production");
  const both = (phase: MeasurementPhase) => ({ "website-pre-promotion": phase, "website-post-promotion": phase });

  it("passes a healthy release", async () => {
    expect(await outcomes(production(), "healthy")).toEqual(both("Successful"));
  });

  it("fails a release with 5 % errors", async () => {
    expect(await outcomes(production(), "five-percent-errors")).toEqual(both("Failed"));
  });

  it("fails a release with a p95 of 3 s", async () => {
    expect(await outcomes(production(), "p95-of-3s")).toEqual(both("Failed"));
  });

  it("is inconclusive when the release gets no traffic at all", async () => {
    expect(await outcomes(production(), "no-traffic")).toEqual(both("Inconclusive"));
  });

  it("is inconclusive when the release exports no series at all", async () => {
    expect(await outcomes(production(), "no-series")).toEqual(both("Inconclusive"));
  });

  it("judges each role on its own traffic", async () => {
    expect(await outcomes(production(), "preview-errors-only")).toEqual({
      "website-pre-promotion": "Failed",
      "website-post-promotion": "Successful",
    });
  });

  it("passes the 5 % release once the SLO allows 10 % errors", async () => {
    // GIVEN production with a 90 % availability objective and a 10 % error-rate gate
    const input = inputOf("production");
    setAt(input, ["slo", "availability"], 0.9);
    setAt(input, ["slo", "errorRate"], 0.1);
    // WHEN its re-rendered gates judge the same traffic
    const outcome = await outcomes(parseEnvConfig("production", input), "five-percent-errors");
    // THEN the release passes
    expect(outcome).toEqual(both("Successful"));
  });

  it("has every rendered query of every env accepted by Prometheus", async () => {
    for (const env of ["staging", "production"]) {
      for (const gate of prometheusGates(configOf(env), namespaceOf("healthy"))) {
        const response = await query(resolveArgs(gate.query, gate.args));
        expect(response.status, `${env} ${gate.template}/${gate.metric}: ${response.error}`).toBe("success");
        expect(response.data.resultType).toBe("vector");
      }
    }
  });
});
