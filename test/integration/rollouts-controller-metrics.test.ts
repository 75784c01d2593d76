import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../harness/processes";
import { type RunningPrometheus, startPrometheus } from "../../harness/prometheus";
import { sharedFolder } from "../../harness/shared";
import { toolPath } from "../../harness/tools";
import { addOnReleases } from "../../src/validate/addons/add-on-releases";
import { helmTemplate } from "../../src/validate/addons/helm-template";
import { configOf, find, type Manifest, manifestsOf } from "../support/fixtures";

const NAMESPACE = configOf("production").namespace;
let prometheus: RunningPrometheus;
let controller: Server;

/**
 * What the Argo Rollouts v1.9.1 controller exports for an aborted blue/green Rollout
 * (controller/metrics/prommetrics.go: rollout_info with namespace, name, strategy, traffic_router, phase).
 */
const CONTROLLER_METRICS = [
  "# TYPE rollout_info gauge",
  `rollout_info{name="website",namespace="${NAMESPACE}",phase="Abort",strategy="blueGreen",traffic_router=""} 1`,
  "",
].join("\n");

/** Prometheus Operator's spelling of a RelabelConfig, turned into Prometheus' own (as the operator does). */
function relabelConfig(config: Manifest) {
  return {
    source_labels: config.sourceLabels,
    regex: config.regex,
    target_label: config.targetLabel,
    replacement: config.replacement,
    action: String(config.action).toLowerCase(),
  };
}

/** The ServiceMonitor the argo-rollouts chart renders from the production Application's values. */
async function chartServiceMonitor(): Promise<Manifest> {
  const release = addOnReleases("argocd/apps").find(
    (candidate) => candidate.application === "argo-rollouts-production",
  );
  if (release === undefined) throw new Error("no argo-rollouts-production Application");
  const rendered = await helmTemplate(
    toolPath("bin", "helm"),
    join(sharedFolder("charts"), `${release.chart}-${release.version}`),
    release,
    { kubeVersion: "1.34.0", apiVersions: ["monitoring.coreos.com/v1", "monitoring.coreos.com/v1/ServiceMonitor"] },
  );
  const monitor = rendered.objects.find((object) => object.kind === "ServiceMonitor");
  if (monitor === undefined) throw new Error("the chart rendered no ServiceMonitor");
  return monitor as Manifest;
}

describe("Argo Rollouts controller metrics as Prometheus 3 stores them through the chart's ServiceMonitor", () => {
  beforeAll(async () => {
    controller = createServer((_request, response) =>
      response.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(CONTROLLER_METRICS),
    );
    const port = await new Promise<number>((resolve) =>
      controller.listen(0, "127.0.0.1", () => resolve((controller.address() as { port: number }).port)),
    );
    const endpoint = (await chartServiceMonitor()).spec.endpoints[0] as Manifest;
    // The target labels Prometheus Operator gives the chart's ServiceMonitor targets: the namespace is the
    // controller's Service's, which collides with the Rollout's namespace label.
    const target = {
      targets: [`127.0.0.1:${port}`],
      labels: { namespace: "argo-rollouts", service: "argo-rollouts-metrics" },
    };
    prometheus = await startPrometheus({
      global: { scrape_interval: "500ms", evaluation_interval: "500ms" },
      scrape_configs: [
        {
          job_name: "argo-rollouts-metrics",
          static_configs: [target],
          metric_relabel_configs: ((endpoint.metricRelabelings ?? []) as Manifest[]).map(relabelConfig),
        },
        // Today's values, as a control: no metric relabelling (honorLabels is no key of the chart).
        { job_name: "without-relabelling", static_configs: [target] },
      ],
    });
    await waitFor("both jobs scraped", async () =>
      (await prometheus.query("count(rollout_info)")).data.result[0]?.value[1] === "2" ? true : undefined,
    );
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    controller?.close();
  });

  it("keeps the Rollout's namespace, so RolloutDegraded's selector matches an aborted Rollout", async () => {
    const degraded = (
      find(manifestsOf(configOf("production")), "PrometheusRule", "website-slo").spec.groups as Manifest[]
    )
      .flatMap((group) => group.rules as Manifest[])
      .find((rule) => rule.alert === "RolloutDegraded");
    const result = (await prometheus.query(degraded?.expr)).data.result;
    expect(result.map((sample) => sample.metric.job)).toEqual(["argo-rollouts-metrics"]);
    expect(result[0]?.metric.namespace).toBe(NAMESPACE);
    expect(result[0]?.metric.exported_namespace).toBeUndefined();
  });

  it("without the relabelling the namespace arrives as exported_namespace and nothing matches", async () => {
    const control = (await prometheus.query('rollout_info{job="without-relabelling"}')).data.result;
    expect(control[0]?.metric).toMatchObject({ namespace: "argo-rollouts", exported_namespace: NAMESPACE });
  });
});
