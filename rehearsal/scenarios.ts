import { setTimeout as sleep } from "node:timers/promises";
import { DEGRADED_PHASES } from "../src/slo/operational-alerts";
import { SCENARIOS } from "../test/support/scenarios";
import {
  ActiveWatch,
  expectThat,
  exportedPhase,
  type Rehearsal,
  releaseImage,
  sync,
  until,
  userRequestsOf,
} from "./context";
import type { AnalysisRunView } from "./rollout-state";

const HEALTHY = SCENARIOS.healthy.latest;
const FIVE_PERCENT_ERRORS = SCENARIOS["five-percent-errors"].latest;
/** The HPA's minReplicas in production; the Rollout itself names no replica count. */
const MIN_REPLICAS = 3;

/** An AnalysisRun of `type` for the pods of `hash` that ended in `phase`; a retry adds runs for the same hash. */
const runIn = async (
  rehearsal: Rehearsal,
  type: string,
  hash: string,
  phase: string,
): Promise<AnalysisRunView | undefined> =>
  (await rehearsal.state.analysisRuns()).find(
    (run) => run.type === type && run.podHash === hash && run.phase === phase,
  );

/** The pods of `hash` that are ready, as KWOK reports them. */
async function readyReplicas(rehearsal: Rehearsal, hash: string): Promise<number> {
  return (await rehearsal.state.replicaSets()).find((rs) => rs.hash === hash)?.readyReplicas ?? 0;
}

async function scaledDown(rehearsal: Rehearsal, hash: string): Promise<true | undefined> {
  const rs = (await rehearsal.state.replicaSets()).find((candidate) => candidate.hash === hash);
  return rs !== undefined && rs.replicas === 0 ? true : undefined;
}

/** A new image up as preview, gated, waiting at the manual gate; returns its pod hash. */
async function previewAtManualGate(rehearsal: Rehearsal, stable: string, tag: string): Promise<string> {
  await releaseImage(rehearsal, tag);
  const preview = await until(rehearsal, "the preview ReplicaSet is up and ready", async () => {
    const { currentHash } = await rehearsal.state.rollout();
    if (currentHash === undefined || currentHash === stable) return undefined;
    return (await readyReplicas(rehearsal, currentHash)) >= MIN_REPLICAS ? currentHash : undefined;
  });
  await until(rehearsal, "pre-promotion analysis passes (health, smoke Job, error rate, p95)", async () =>
    runIn(rehearsal, "PrePromotion", preview, "Successful"),
  );
  await until(rehearsal, "the release waits at the manual gate", async () =>
    (await rehearsal.state.rollout()).atManualGate ? true : undefined,
  );
  return preview;
}

/** Scenario 1: the first release needs no gate and becomes Healthy with the HPA's minimum. */
export async function firstRelease(rehearsal: Rehearsal): Promise<string> {
  await sync(rehearsal);
  return until(rehearsal, `Healthy with ${MIN_REPLICAS} ready pods behind the active Service`, async () => {
    const rollout = await rehearsal.state.rollout();
    const active = await rehearsal.state.activeServiceHash();
    if (rollout.phase !== "Healthy" || active === undefined || active !== rollout.stableHash) return undefined;
    return (await readyReplicas(rehearsal, active)) >= MIN_REPLICAS ? active : undefined;
  });
}

/**
 * `kubectl argo rollouts promote`: users move to the preview, whose post-promotion gates pass. Users
 * follow the active Service's selector in the exporter's model; the gates must find the new pods by
 * their hash, since they keep the preview role until this analysis has passed.
 */
async function promoteAndSettle(rehearsal: Rehearsal, preview: string): Promise<void> {
  await rehearsal.state.operator("promote");
  await until(rehearsal, "promote switches the active Service to the new hash", async () =>
    (await rehearsal.state.activeServiceHash()) === preview ? true : undefined,
  );
  await until(rehearsal, "post-promotion analysis passes and the Rollout is Healthy", async () => {
    const passed = await runIn(rehearsal, "PostPromotion", preview, "Successful");
    return passed !== undefined && (await rehearsal.state.rollout()).phase === "Healthy" ? passed : undefined;
  });
  const run = await runIn(rehearsal, "PostPromotion", preview, "Successful");
  expectThat(
    run?.args["pod-template-hash"] === preview,
    `post-promotion analysis to measure ${preview} (args ${JSON.stringify(run?.args)})`,
  );
  const measured = await userRequestsOf(rehearsal, preview);
  expectThat(measured > 0, `Prometheus to hold user traffic of the new hash ${preview} (got ${measured} requests)`);
  rehearsal.log(`  ✓ post-promotion analysis measured the new pods (${preview}): ${measured.toFixed(0)} user requests`);
}

/** Scenario 2: preview, gates, manual gate, promote, post-promotion gates, old pods scaled down. */
export async function promotedRelease(rehearsal: Rehearsal, stable: string, tag: string): Promise<string> {
  const watch = new ActiveWatch(rehearsal.state);
  const preview = await previewAtManualGate(rehearsal, stable, tag);
  const beforePromote = await watch.stop();
  expectThat(
    beforePromote.size === 1 && beforePromote.has(stable),
    `only ${stable} active before promote, saw ${[...beforePromote]}`,
  );
  await promoteAndSettle(rehearsal, preview);
  await until(rehearsal, "the old ReplicaSet scales down after the scale-down delay", () =>
    scaledDown(rehearsal, stable),
  );
  return preview;
}

/** After an abort the runbook says: revert the image commit in Git; the Rollout is Healthy with no new pods. */
async function revertInGit(rehearsal: Rehearsal, stable: string): Promise<void> {
  const before = (await rehearsal.state.replicaSets()).map((rs) => rs.hash).sort();
  await rehearsal.workspace.revertLast();
  await rehearsal.workspace.npm("synth", "--check");
  await sync(rehearsal);
  await until(rehearsal, "git revert + sync: Healthy on the stable hash again", async () => {
    const rollout = await rehearsal.state.rollout();
    return rollout.phase === "Healthy" && rollout.currentHash === stable ? true : undefined;
  });
  const after = (await rehearsal.state.replicaSets()).map((rs) => rs.hash).sort();
  expectThat(after.join() === before.join(), `no new ReplicaSet after the revert (${before} → ${after})`);
}

/**
 * Scenario 4: the preview serves 5 % errors; the gates fail it and users never see it. Then, as the
 * runbook says for an external cause: fix it, wait out the gates' rate window, `retry`; this time the
 * same image passes its gates and is promoted, so Git already agrees.
 */
export async function failedThenRetried(rehearsal: Rehearsal, stable: string, tag: string): Promise<string> {
  const watch = new ActiveWatch(rehearsal.state);
  rehearsal.exporter.behave(tag, FIVE_PERCENT_ERRORS);
  await releaseImage(rehearsal, tag);
  const preview = await until(rehearsal, "the bad preview comes up", async () => {
    const { currentHash } = await rehearsal.state.rollout();
    return currentHash !== undefined && currentHash !== stable ? currentHash : undefined;
  });
  const run = await until(rehearsal, "pre-promotion analysis fails", () =>
    runIn(rehearsal, "PrePromotion", preview, "Failed"),
  );
  rehearsal.log(`    analysis: ${run.message}`);
  await until(rehearsal, "the Rollout aborts itself (Degraded)", async () => {
    const rollout = await rehearsal.state.rollout();
    return rollout.aborted && rollout.phase === "Degraded" ? true : undefined;
  });
  await until(rehearsal, "the aborted preview scales down", () => scaledDown(rehearsal, preview));
  // RolloutDegraded's phases must be ones the real controller exports: read them from it.
  const phase = await until(
    rehearsal,
    "the controller exports rollout_info in a phase RolloutDegraded matches",
    async () => {
      const exported = await exportedPhase(rehearsal);
      return exported !== undefined && (DEGRADED_PHASES as readonly string[]).includes(exported) ? exported : undefined;
    },
  );
  rehearsal.log(`    rollout_info phase="${phase}"`);

  rehearsal.exporter.behave(tag, HEALTHY);
  await sleep((rehearsal.rateWindowSeconds + 2) * 1000);
  await rehearsal.state.operator("retry");
  await until(rehearsal, "retry after the fix: the same image passes its gates; manual gate", async () => {
    const passed = await runIn(rehearsal, "PrePromotion", preview, "Successful");
    return passed !== undefined && (await rehearsal.state.rollout()).atManualGate ? true : undefined;
  });
  const seen = await watch.stop();
  expectThat(seen.size === 1 && seen.has(stable), `the active selector to stay ${stable}, saw ${[...seen]}`);
  await promoteAndSettle(rehearsal, preview);
  return preview;
}

/** Scenario 5: a healthy preview the operator stops at the manual gate with `abort`. */
export async function abortedAtGate(rehearsal: Rehearsal, stable: string, tag: string): Promise<void> {
  const watch = new ActiveWatch(rehearsal.state);
  const preview = await previewAtManualGate(rehearsal, stable, tag);
  await rehearsal.state.operator("abort");
  await until(rehearsal, "kubectl argo rollouts abort: aborted, preview scaled down", async () => {
    const rollout = await rehearsal.state.rollout();
    return rollout.aborted && (await scaledDown(rehearsal, preview)) ? true : undefined;
  });
  const seen = await watch.stop();
  expectThat(seen.size === 1 && seen.has(stable), `the active selector to stay ${stable}, saw ${[...seen]}`);
  await revertInGit(rehearsal, stable);
}

/**
 * Scenario 3: after a promotion, `kubectl argo rollouts undo` brings the previous pods back
 * through the same gates; reverting the image commit then makes Git agree without a new rollout.
 */
export async function undoneRelease(rehearsal: Rehearsal, current: string, previous: string): Promise<void> {
  await rehearsal.state.operator("undo");
  await until(rehearsal, "undo makes the previous hash the preview", async () =>
    (await rehearsal.state.rollout()).currentHash === previous ? true : undefined,
  );
  await until(rehearsal, "pre-promotion analysis of the previous version passes; manual gate", async () => {
    const passed = await runIn(rehearsal, "PrePromotion", previous, "Successful");
    return passed !== undefined && (await rehearsal.state.rollout()).atManualGate ? true : undefined;
  });
  expectThat((await rehearsal.state.activeServiceHash()) === current, "users still on the current version");
  await rehearsal.state.operator("promote");
  await until(rehearsal, "promote switches users back to the previous hash", async () =>
    (await rehearsal.state.activeServiceHash()) === previous ? true : undefined,
  );
  await revertInGit(rehearsal, previous);
}
