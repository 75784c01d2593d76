import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { RELEASE_SERIES_LABEL, TRAFFIC_LABEL } from "../src/slo/metric-contract";
import { waitFor } from "../test/support/processes";
import { deploy } from "./deploy";
import type { Kubectl } from "./kubectl";
import type { LiveExporter } from "./live-exporter";
import type { RehearsalTargets } from "./patches";
import type { RolloutState } from "./rollout-state";
import type { Workspace } from "./workspace";

/** Everything a scenario drives: the cluster, the repository copy, the stand-in website. */
export interface Rehearsal {
  readonly env: string;
  readonly kubectl: Kubectl;
  readonly state: RolloutState;
  readonly workspace: Workspace;
  readonly exporter: LiveExporter;
  readonly targets: RehearsalTargets;
  /** The real Argo Rollouts controller's metrics endpoint. */
  readonly rolloutsMetricsUrl: string;
  /** How long, on the rehearsal clock, the gates' queries remember a pod's errors. */
  readonly rateWindowSeconds: number;
  readonly log: (line: string) => void;
}

/** Waits for a condition of the release; on timeout the error carries the plugin's view of the Rollout. */
export async function until<T>(
  rehearsal: Rehearsal,
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 180_000,
): Promise<T> {
  try {
    const value = await waitFor(what, check, timeoutMs);
    rehearsal.log(`  ✓ ${what}`);
    return value;
  } catch (error) {
    const view = await rehearsal.state.describe().catch((failed: Error) => failed.message);
    const runs = await rehearsal.kubectl.run(["get", "analysisruns", "-n", rehearsal.state.namespace, "-o", "yaml"]);
    throw new Error(`${(error as Error).message}\n\n${view}\n${runs}`);
  }
}

/**
 * User requests Prometheus holds for the pods of `hash`: what a gate on that hash measured. Read
 * from the real Prometheus, whose series come from the live traffic model.
 */
export async function userRequestsOf(rehearsal: Rehearsal, hash: string): Promise<number> {
  const query = `sum(http_requests_total{${RELEASE_SERIES_LABEL}="${hash}", ${TRAFFIC_LABEL}="user"})`;
  const response = await fetch(`${rehearsal.targets.prometheusUrl}/api/v1/query`, {
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

/** `npm run set-image` in the repository copy, committed like the PR it would be, then synced. */
export async function releaseImage(rehearsal: Rehearsal, tag: string): Promise<void> {
  const { workspace, env } = rehearsal;
  await workspace.npm("set-image", "--env", env, "--tag", tag);
  await workspace.commit(`${env}: release ${tag}`);
  const rollout = readFileSync(join(workspace.distOf(env), "rollout-website.yaml"), "utf8");
  expectThat(rollout.includes(`:${tag}`), `the re-rendered Rollout to name ${tag}`);
  await sync(rehearsal);
  rehearsal.log(`  ✓ set-image --tag ${tag}, committed and synced`);
}

/** What Argo CD's auto-sync would do with the workspace's current commit. */
export async function sync(rehearsal: Rehearsal): Promise<void> {
  await deploy(rehearsal.kubectl, rehearsal.workspace.distOf(rehearsal.env), rehearsal.targets);
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
