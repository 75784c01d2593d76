import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Managed, startManaged, stopManaged, waitFor } from "../../harness/processes";
import { type QueryResponse, type RunningPrometheus, startPrometheus } from "../../harness/prometheus";
import { namespaceOf, RELEASE_HASHES, type Release, SCENARIOS, type ScenarioName } from "../../harness/scenarios";
import { type EnvConfig, parseEnvConfig } from "../../src/env";
import { bucketLabel } from "../../src/slo/bucket-label";
import { type MeasurementPhase, measurementPhase } from "../../src/slo/condition-evaluator";
import { RELEASE_SERIES_LABEL, TRAFFIC_LABEL } from "../../src/slo/metric-contract";
import { prometheusGates } from "../support/analysis";
import { resolveArgs } from "../support/argo-args";
import { configOf, inputOf, setAt } from "../support/fixtures";

const SCRAPE_INTERVAL = "500ms";
let prometheus: RunningPrometheus | undefined;
let exporter: Managed | undefined;

/**
 * The scrape config Prometheus Operator would build from the ServiceMonitor, as static targets: the
 * pod's template hash (podTargetLabels) on every series; the website labels its own traffic kind.
 */
function scrapeConfig(exporterPort: number): object {
  const jobs = Object.keys(SCENARIOS).flatMap((scenario) =>
    (["stable", "latest"] as Release[]).map((release) => ({
      job_name: `${scenario}-${release}`,
      metrics_path: `/metrics/${scenario}/${release}`,
      static_configs: [
        {
          targets: [`127.0.0.1:${exporterPort}`],
          labels: {
            namespace: namespaceOf(scenario),
            service: "website-metrics",
            [RELEASE_SERIES_LABEL]: RELEASE_HASHES[release],
            [TRAFFIC_LABEL]: "user",
          },
        },
      ],
    })),
  );
  return {
    global: { scrape_interval: SCRAPE_INTERVAL, evaluation_interval: SCRAPE_INTERVAL },
    scrape_configs: jobs,
  };
}

function query(promql: string): Promise<QueryResponse> {
  if (prometheus === undefined) throw new Error("Prometheus is not running");
  return prometheus.query(promql);
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
  const gates = prometheusGates(config, namespaceOf(scenario), RELEASE_HASHES.latest);
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
      "harness/synthetic-exporter.ts",
      JSON.stringify(buckets),
    ]);
    const exporterPort = await waitFor(
      "the synthetic exporter",
      async () => Number(/listening (\d+)/.exec(exporter?.output() ?? "")?.[1]) || undefined,
    );

    const started = performance.now();
    prometheus = await startPrometheus(scrapeConfig(exporterPort));
    const readySeconds = (performance.now() - started) / 1000;
    // rate() needs at least two samples of every series; wait for three.
    await waitFor("three scrapes of every target", async () => {
      const up = await query("count(up == 1) and on() min(count_over_time(up[1m])) >= 3");
      return Number(up.data.result[0]?.value[1]) === Object.keys(SCENARIOS).length * 2 ? true : undefined;
    });
    console.info(
      `Prometheus pid ${prometheus.managed.pid} ready in ${readySeconds.toFixed(2)} s; data ready ${((performance.now() - started) / 1000).toFixed(2)} s after start`,
    );
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
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

  it("judges the new release only, before and after the switch: the old pods' errors do not count", async () => {
    expect(await outcomes(production(), "stable-errors-only")).toEqual(both("Successful"));
  });

  it("stores bucket bounds as floats, so only the normalised le selects a bucket (Prometheus 3)", async () => {
    const selector = `namespace="${namespaceOf("healthy")}", ${RELEASE_SERIES_LABEL}="${RELEASE_HASHES.latest}"`;
    const count = async (le: string) =>
      (await query(`count(http_request_duration_seconds_bucket{${selector}, le="${le}"})`)).data.result.length;
    expect(await count("2")).toBe(0);
    expect(await count(bucketLabel(2))).toBe(1);
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
      for (const gate of prometheusGates(configOf(env), namespaceOf("healthy"), RELEASE_HASHES.latest)) {
        const response = await query(resolveArgs(gate.query, gate.args));
        expect(response.status, `${env} ${gate.template}/${gate.metric}: ${response.error}`).toBe("success");
        expect(response.data.resultType).toBe("vector");
      }
    }
  });
});
