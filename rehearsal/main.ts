/**
 * npm run rehearse [-- <crd folder>]: the production release config, rehearsed on a real control
 * plane with the real Argo Rollouts controller. See docs/rehearsal.md.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadEnvironments, parseEnvConfig } from "../src/env";
import { manifestsIn, tempDir } from "../test/support/fixtures";
import { startRehearsalCluster } from "./cluster";
import type { Rehearsal } from "./context";
import { dryRunEverything, installCrds } from "./install";
import { LiveExporter } from "./live-exporter";
import { patchForRehearsal, scaledRateWindow } from "./patches";
import { startRehearsalPrometheus } from "./prometheus";
import { RolloutState } from "./rollout-state";
import { abortedAtGate, failedThenRetried, firstRelease, promotedRelease, undoneRelease } from "./scenarios";
import { Workspace } from "./workspace";

const ENV = "production";
/** Delays and analysis intervals run this many times faster than in production (docs/rehearsal.md). */
const TIME_SCALE = 20;
const repoRoot = resolve(__dirname, "..");
const crdRoot = resolve(process.argv[2] ?? resolve(repoRoot, "../shared/crds"));

const timings: [string, number][] = [];
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

async function main(): Promise<void> {
  if (!existsSync(crdRoot))
    throw new Error(
      `rehearse: no CRD folder at ${crdRoot}: lay the upstream CRDs there, or run npm run rehearse -- <crd folder>`,
    );
  const config = parseEnvConfig(ENV, loadEnvironments(repoRoot)[ENV]);
  const website = config.workloads.website;
  if (website === undefined) throw new Error(`rehearse: env ${ENV} has no website workload`);

  const cluster = await phase("start etcd, kube-apiserver, controller-manager, scheduler, KWOK, Argo Rollouts", () =>
    startRehearsalCluster(),
  );
  cleanups.push(() => cluster.stop());
  const { kubectl } = cluster;
  await phase("install the upstream CRDs", () => installCrds(kubectl, crdRoot));
  await phase("kubectl apply --dry-run=server of dist/ and argocd/", () => dryRunEverything(kubectl, repoRoot));

  const exporter = await LiveExporter.start(website.metrics.latencyBuckets, website.healthPath);
  cleanups.push(() => exporter.stop());
  // The labels Prometheus Operator would copy from each pod, as the committed ServiceMonitor says.
  const monitor = manifestsIn(join(repoRoot, "dist", ENV)).find((manifest) => manifest.kind === "ServiceMonitor");
  exporter.follow(kubectl, config.namespace, "website", "website-metrics", monitor?.spec.podTargetLabels ?? []);
  const prometheus = await startRehearsalPrometheus(exporter.port);
  cleanups.push(() => prometheus.stop());
  const workspace = await Workspace.create(repoRoot);
  cleanups.push(() => workspace.remove());

  const targets = {
    prometheusUrl: prometheus.url,
    healthBaseUrl: `http://127.0.0.1:${exporter.port}`,
    timeScale: TIME_SCALE,
  };
  console.log("Rehearsal patch step (everything else is the rendered production config):");
  for (const patch of patchForRehearsal(manifestsIn(workspace.distOf(ENV)), targets).patches) {
    console.log(`  ${patch.object} ${patch.field}: ${JSON.stringify(patch.from)} → ${JSON.stringify(patch.to)}`);
  }

  const rehearsal: Rehearsal = {
    env: ENV,
    kubectl,
    state: new RolloutState(kubectl, config.namespace, "website"),
    workspace,
    exporter,
    targets,
    rolloutsMetricsUrl: cluster.rolloutsMetricsUrl,
    rateWindowSeconds: scaledRateWindow(website.analysis.rateWindowSeconds, TIME_SCALE),
    log: (line) => console.log(line),
  };
  try {
    const first = await phase("1. first release becomes Healthy", () => firstRelease(rehearsal));
    const second = await phase("2. image change: preview, gates, manual gate, promote, scale-down", () =>
      promotedRelease(rehearsal, first, "v1.1.0"),
    );
    await phase("3. undo after a promotion, then revert in Git", () => undoneRelease(rehearsal, second, first));
    const retried = await phase("4. bad release (5 % errors) fails its gates and aborts; retry after the fix", () =>
      failedThenRetried(rehearsal, first, "v1.2.0"),
    );
    await phase("5. operator aborts at the manual gate, then reverts in Git", () =>
      abortedAtGate(rehearsal, retried, "v1.3.0"),
    );
  } catch (error) {
    const logs = tempDir("rehearsal-logs");
    for (const [name, output] of Object.entries(cluster.logs())) writeFileSync(join(logs, `${name}.log`), output);
    console.error(`Component logs: ${logs}`);
    throw error;
  }
}

main()
  .then(() => {
    console.log("\nRehearsal passed. Phase durations:");
    for (const [name, seconds] of timings) console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${name}`);
  })
  .catch((error: unknown) => {
    console.error(`\nRehearsal FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
