/**
 * npm run rehearse [-- <crd folder>]: the production release config, rehearsed on a real control
 * plane, synced from Git by the real Argo CD, released by the real Argo Rollouts controller.
 * See docs/rehearsal.md.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { manifestsIn, tempDir } from "../harness/files";
import { ADD_ONS } from "../src/addons/catalog";
import { loadEnvironments, parseEnvConfig } from "../src/env";
import { delivery } from "../src/env/delivery";
import { Applications } from "./applications";
import { startArgoCd } from "./argocd";
import { LEFT_OUT_ADD_ONS } from "./argocd-patches";
import { serveCharts } from "./chart-repository";
import { startRehearsalCluster } from "./cluster";
import type { Rehearsal } from "./context";
import { installCrds } from "./install";
import { LiveExporter } from "./live-exporter";
import { Load } from "./load";
import { scaledRateWindow } from "./patches";
import { startRehearsalPrometheus } from "./prometheus";
import { PublishedRepository } from "./published-repository";
import { RolloutState } from "./rollout-state";
import { runScenarios } from "./scenarios";
import { StandIns } from "./stand-ins";
import { Workspace } from "./workspace";

const ENV = "production";
/** Delays and analysis intervals run this many times faster than in production (docs/rehearsal.md). */
const TIME_SCALE = 20;
/** The Rollout's scale-down delays run this many times faster (docs/rehearsal.md, the patch step). */
const DELAY_TIME_SCALE = 10;
/** CRDs nobody syncs here: the hub's own, and those of the add-ons the patch step leaves out. */
const CRD_FOLDERS = ["argo-cd", "external-secrets", "prometheus-operator"];
const repoRoot = resolve(__dirname, "..");
const crdRoot = resolve(process.argv[2] ?? resolve(repoRoot, "../shared/crds"));
const chartsRoot = resolve(repoRoot, "../shared/charts");

const timings: [string, number][] = [];
/** When the rehearsal started: each step's line says when it was reached, for finding slow steps. */
const started = performance.now();
async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  console.log(`▶ ${name}`);
  const started = performance.now();
  const value = await run();
  const seconds = (performance.now() - started) / 1000;
  timings.push([name, seconds]);
  console.log(`  ${name}: ${seconds.toFixed(1)} s`);
  return value;
}

const cleanups: (() => Promise<void> | void)[] = [];
async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}
/** Component logs, written to a temp folder when the rehearsal fails. */
const logSources: (() => Record<string, string>)[] = [];

async function main(): Promise<void> {
  for (const [folder, what] of [
    [crdRoot, "the upstream CRDs (or npm run rehearse -- <crd folder>)"],
    [chartsRoot, "the upstream add-on charts"],
  ] as const) {
    if (!existsSync(folder)) throw new Error(`rehearse: no folder at ${folder}: lay ${what} there`);
  }
  const config = parseEnvConfig(ENV, loadEnvironments(repoRoot)[ENV]);
  const website = config.workloads.website;
  if (website === undefined) throw new Error(`rehearse: env ${ENV} has no website workload`);

  const cluster = await phase(
    "start etcd, kube-apiserver, controller-manager, scheduler, KWOK, metrics-server, Argo Rollouts",
    () => startRehearsalCluster(),
  );
  cleanups.push(() => cluster.stop());
  logSources.push(() => cluster.logs());
  const { kubectl } = cluster;
  await phase("install the CRDs nothing synced installs", () => installCrds(kubectl, crdRoot, CRD_FOLDERS));

  const exporter = await LiveExporter.start(website.metrics.latencyBuckets, website.healthPath);
  cleanups.push(() => exporter.stop());
  // The labels Prometheus Operator would copy from each pod, as the committed ServiceMonitor says.
  const monitor = manifestsIn(join(repoRoot, "dist", ENV)).find((manifest) => manifest.kind === "ServiceMonitor");
  exporter.follow(kubectl, config.namespace, "website", "website-metrics", monitor?.spec.podTargetLabels ?? []);
  const prometheus = await startRehearsalPrometheus(exporter.port);
  cleanups.push(() => prometheus.stop());
  const workspace = await Workspace.create(repoRoot);
  cleanups.push(() => workspace.remove());
  const published = await PublishedRepository.create();
  cleanups.push(() => published.remove());
  const synced = ADD_ONS.filter((addOn) => LEFT_OUT_ADD_ONS[addOn.name] === undefined);
  const charts = await serveCharts(chartsRoot, synced);
  cleanups.push(() => charts.stop());

  const argocd = await phase("start Argo CD (Redis, repo-server, application controller); register the cluster", () =>
    startArgoCd(kubectl, { name: config.infra.clusterName, controlPlane: cluster.controlPlane }),
  );
  cleanups.push(() => argocd.stop());
  logSources.push(() => argocd.logs());
  const standIns = new StandIns(kubectl);
  cleanups.push(() => standIns.stop());

  const rehearsal: Rehearsal = {
    env: ENV,
    kubectl,
    state: new RolloutState(kubectl, config.namespace, "website"),
    workspace,
    published,
    applications: new Applications(kubectl),
    app: `website-${ENV}`,
    rootApp: "candlefish-root",
    exporter,
    release: {
      prometheusUrl: prometheus.url,
      healthBaseUrl: `http://127.0.0.1:${exporter.port}`,
      timeScale: TIME_SCALE,
      delayTimeScale: DELAY_TIME_SCALE,
    },
    argocd: { chartRepoUrl: charts.url, clusterName: config.infra.clusterName, syncWindow: "open", now: new Date() },
    rolloutsMetricsUrl: cluster.rolloutsMetricsUrl,
    rateWindowSeconds: scaledRateWindow(website.analysis.rateWindowSeconds, TIME_SCALE),
    log: (line) => console.log(`${line}  [${((performance.now() - started) / 1000).toFixed(0)} s]`),
  };
  const first = await published.publish(workspace.root, "the checkout under rehearsal", {
    release: rehearsal.release,
    argocd: rehearsal.argocd,
  });
  console.log("Rehearsal patch step (everything else is the committed output, synced from Git by Argo CD):");
  console.log(
    `  cluster Secret ${config.infra.clusterName}: server ${cluster.controlPlane.url} (the rehearsal's API server)`,
  );
  console.log(`  repository ${delivery.repoUrl} → ${published.url}; chart repositories → ${charts.url}`);
  for (const patch of first.patches) {
    console.log(`  ${patch.object} ${patch.field}: ${JSON.stringify(patch.from)} → ${JSON.stringify(patch.to)}`);
  }
  console.log("Left out by the patch step:");
  for (const line of first.leftOut) console.log(`  ${line}`);
  await runScenarios(
    rehearsal,
    { firstRevision: first.revision, load: new Load(kubectl), maxReplicas: website.hpa.maxReplicas },
    phase,
  );
}

/** Writes every component's log to a new temp folder and says where. */
function keepLogs(): void {
  const logs = tempDir("rehearsal-logs");
  for (const source of logSources) {
    for (const [name, output] of Object.entries(source())) writeFileSync(join(logs, `${name}.log`), output);
  }
  console.error(`Component logs: ${logs}`);
}

main()
  .then(() => {
    console.log("\nRehearsal passed. Phase durations:");
    for (const [name, seconds] of timings) console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${name}`);
    // REHEARSAL_KEEP_LOGS=1 keeps them after a pass too, to study timings.
    if (process.env.REHEARSAL_KEEP_LOGS === "1") keepLogs();
  })
  .catch((error: unknown) => {
    console.error(`\nRehearsal FAILED: ${error instanceof Error ? error.message : String(error)}`);
    keepLogs();
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
