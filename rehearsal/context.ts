import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Kubectl } from "../harness/kubectl";
import { waitFor } from "../harness/processes";
import { RELEASE_SERIES_LABEL, TRAFFIC_LABEL } from "../src/slo/metric-contract";
import type { Applications, ApplicationView } from "./applications";
import type { ArgoCdTargets } from "./argocd-patches";
import type { LiveExporter } from "./live-exporter";
import type { RehearsalTargets } from "./patches";
import type { PublishedRepository } from "./published-repository";
import type { RolloutState } from "./rollout-state";
import type { Workspace } from "./workspace";

/** Everything a scenario drives: the cluster, Git, Argo CD's view, the stand-in website. */
export interface Rehearsal {
  readonly env: string;
  readonly kubectl: Kubectl;
  readonly state: RolloutState;
  /** The clone where people commit (set-image, reverts). */
  readonly workspace: Workspace;
  /** The repository Argo CD watches: each workspace commit, through the patch step. */
  readonly published: PublishedRepository;
  readonly applications: Applications;
  /** The env's Application (`website-<env>`) and the app of apps. */
  readonly app: string;
  readonly rootApp: string;
  readonly exporter: LiveExporter;
  readonly release: RehearsalTargets;
  /** The Argo CD half of the patch step; the sync window is switched by the scenario that closes it. */
  argocd: Omit<ArgoCdTargets, "repoUrl">;
  /** The real Argo Rollouts controller's metrics endpoint. */
  readonly rolloutsMetricsUrl: string;
  /** How long, on the rehearsal clock, the gates' queries remember a pod's errors. */
  readonly rateWindowSeconds: number;
  readonly log: (line: string) => void;
}

/**
 * How often a scenario looks: each look starts kubectl processes, and on two shared cores faster
 * looks slow down the controllers being watched more than they shorten the wait.
 */
const POLL_MS = 500;

/** Waits for a condition of the release; on timeout the error carries the Rollout's and Argo CD's views. */
export async function until<T>(
  rehearsal: Rehearsal,
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 180_000,
): Promise<T> {
  try {
    const value = await waitFor(what, check, timeoutMs, POLL_MS);
    rehearsal.log(`  ✓ ${what}`);
    return value;
  } catch (error) {
    const view = await rehearsal.state.describe().catch((failed: Error) => failed.message);
    const app = await rehearsal.applications.describe(rehearsal.app).catch((failed: Error) => failed.message);
    throw new Error(`${(error as Error).message}\n\n${view}\n${app}`);
  }
}

/**
 * User requests Prometheus holds for the pods of `hash`: what a gate on that hash measured. Read
 * from the real Prometheus, whose series come from the live traffic model.
 */
export async function userRequestsOf(rehearsal: Rehearsal, hash: string): Promise<number> {
  const query = `sum(http_requests_total{${RELEASE_SERIES_LABEL}="${hash}", ${TRAFFIC_LABEL}="user"})`;
  const response = await fetch(`${rehearsal.release.prometheusUrl}/api/v1/query`, {
    method: "POST",
    body: new URLSearchParams({ query }),
  });
  const body = (await response.json()) as { data?: { result?: { value: [number, string] }[] } };
  return Number(body.data?.result?.[0]?.value[1] ?? 0);
}

/**
 * The `phase` label of the `rollout_info` series the real controller exports for the Rollout now
 * (controller/metrics/rollouts.go): what RolloutDegraded's selector must match.
 */
export async function exportedPhase(rehearsal: Rehearsal): Promise<string | undefined> {
  const text = await (await fetch(rehearsal.rolloutsMetricsUrl)).text();
  const line = text
    .split("\n")
    .find((candidate) => candidate.startsWith("rollout_info{") && candidate.includes(`name="${rehearsal.state.name}"`));
  return line === undefined ? undefined : /phase="([^"]*)"/.exec(line)?.[1];
}

/** Fails the rehearsal with a message naming what was expected. */
export function expectThat(condition: boolean, what: string): void {
  if (!condition) throw new Error(`expected ${what}`);
}

/**
 * The only way anything changes in the cluster: the workspace's commit is pushed (published with
 * the patch step) and Argo CD is told, as a Git webhook would tell it. Returns the revision Argo CD
 * must reach. A `message` publishes a change of the patch step itself (the sync window).
 */
export async function push(rehearsal: Rehearsal, message?: string): Promise<string> {
  message ??= (await rehearsal.workspace.git("log", "-1", "--format=%s")).trim();
  const { revision } = await rehearsal.published.publish(rehearsal.workspace.root, message, {
    release: rehearsal.release,
    argocd: rehearsal.argocd,
  });
  for (const app of [rehearsal.rootApp, rehearsal.app]) await rehearsal.applications.refresh(app);
  return revision;
}

/** `npm run set-image` in the workspace, committed like the PR it would be, and pushed. */
export async function releaseImage(rehearsal: Rehearsal, tag: string): Promise<string> {
  const { workspace, env } = rehearsal;
  await workspace.npm("set-image", "--env", env, "--tag", tag);
  await workspace.commit(`${env}: release ${tag}`);
  const rollout = readFileSync(join(workspace.distOf(env), "rollout-website.yaml"), "utf8");
  expectThat(rollout.includes(`:${tag}`), `the re-rendered Rollout to name ${tag}`);
  const revision = await push(rehearsal);
  rehearsal.log(`  ✓ set-image --tag ${tag}, committed and pushed (${revision.slice(0, 7)})`);
  return revision;
}

/** The runbook's "make Git agree": `git revert` of the last commit, `synth --check`, push. */
export async function revertInGit(rehearsal: Rehearsal): Promise<string> {
  await rehearsal.workspace.revertLast();
  await rehearsal.workspace.npm("synth", "--check");
  return push(rehearsal);
}

/**
 * Argo CD synced `revision` (a commit; a chart version for a Helm source) to an Application by
 * itself (auto-sync), and says so.
 */
export async function autoSynced(
  rehearsal: Rehearsal,
  revision: string,
  app = rehearsal.app,
): Promise<ApplicationView> {
  return until(
    rehearsal,
    `Argo CD auto-syncs ${app} to ${revision.slice(0, 7)}: Synced, operation Succeeded`,
    async () => {
      const view = await rehearsal.applications.view(app);
      const done = view.operation?.revision === revision && view.operation.phase === "Succeeded";
      return done && view.sync === "Synced" && view.revision === revision ? view : undefined;
    },
  );
}

/** The env's Application is Synced to the published head and reports `health`. */
export async function appIs(rehearsal: Rehearsal, health: string, revision?: string): Promise<ApplicationView> {
  return until(rehearsal, `Argo CD shows ${rehearsal.app} Synced and ${health}`, async () => {
    const view = await rehearsal.applications.view(rehearsal.app);
    const atRevision = revision === undefined || view.revision === revision;
    return view.sync === "Synced" && view.health === health && atRevision ? view : undefined;
  });
}

/**
 * Nothing fights Argo CD: the Application stays Synced across two controller resyncs after a
 * hard look (HPA replicas, the selector hash the Rollouts controller adds, defaulted fields).
 */
export async function staysSynced(rehearsal: Rehearsal, seconds: number): Promise<void> {
  await rehearsal.applications.refresh(rehearsal.app);
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const view = await rehearsal.applications.view(rehearsal.app);
    const drifted = view.resources.filter((resource) => resource.status !== "Synced");
    expectThat(
      view.sync === "Synced",
      `${rehearsal.app} to stay Synced, but ${drifted.map((r) => `${r.kind}/${r.name}`).join(", ")} drifted`,
    );
    await sleep(1000);
  }
  rehearsal.log(`  ✓ ${rehearsal.app} stays Synced for ${seconds} s: nothing fights Argo CD`);
}

/**
 * Records every hash the active Service selects while a scenario runs: "users never saw the
 * preview" is a claim about all of that time, not about one look at the end.
 */
export class ActiveWatch {
  readonly seen = new Set<string | undefined>();
  private running = true;
  private readonly loop: Promise<void>;

  constructor(state: RolloutState) {
    this.loop = (async () => {
      while (this.running) {
        // A failed look is no observation; the scenario's own waits report a dead cluster.
        const look = await state.activeServiceHash().then(
          (hash) => ({ hash }),
          () => undefined,
        );
        if (look !== undefined) this.seen.add(look.hash);
        // Unreferenced: a watch left running by a failed scenario does not keep the process alive.
        await sleep(250, undefined, { ref: false });
      }
    })();
  }

  async stop(): Promise<Set<string | undefined>> {
    this.running = false;
    await this.loop;
    return this.seen;
  }
}
