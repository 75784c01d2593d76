import { SCENARIOS } from "../../harness/scenarios";
import { DEGRADED_PHASES } from "../../src/slo/operational-alerts";
import {
  ActiveWatch,
  appIs,
  autoSynced,
  expectThat,
  exportedPhase,
  type Rehearsal,
  releaseImage,
  revertInGit,
  until,
  userRequestsOf,
} from "../context";
import { MIN_REPLICAS } from "./bootstrap";
import { readyReplicas, replicaSetHashes, runIn } from "./common";

const HEALTHY = SCENARIOS.healthy.latest;
const FIVE_PERCENT_ERRORS = SCENARIOS["five-percent-errors"].latest;

/**
 * An image change, committed and pushed: Argo CD auto-syncs it (the migration hook, then the new
 * Rollout spec), the preview comes up, passes its pre-promotion gates and waits at the manual
 * gate, which Argo CD shows as Synced and Suspended. Returns the preview's pod hash.
 */
export async function previewAtManualGate(rehearsal: Rehearsal, stable: string, tag: string): Promise<string> {
  const revision = await releaseImage(rehearsal, tag);
  await autoSynced(rehearsal, revision);
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
  await appIs(rehearsal, "Suspended", revision);
  return preview;
}

/** `kubectl argo rollouts promote`: users move to the preview, whose post-promotion gates pass. */
export async function promoteAndSettle(rehearsal: Rehearsal, preview: string): Promise<void> {
  await rehearsal.state.operator("promote");
  await settleAfterPromote(rehearsal, preview);
}

/**
 * After promote: the active Service switches, the post-promotion gates pass, Argo CD shows Healthy.
 * Users follow the active Service's selector in the exporter's model; the gates must find the new
 * pods by their hash, since they keep the preview role until this analysis has passed.
 */
export async function settleAfterPromote(rehearsal: Rehearsal, preview: string): Promise<void> {
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
  await appIs(rehearsal, "Healthy");
}

/**
 * Scenario 2: an image bump. Auto-sync, preview, gates, the manual gate (Argo CD: Synced,
 * Suspended), promote, post-promotion gates (Healthy). Users only ever saw the stable hash before
 * promote. The old ReplicaSet then waits out its scale-down delay (scenario 7 relies on that).
 */
export async function promotedRelease(rehearsal: Rehearsal, stable: string, tag: string): Promise<string> {
  const watch = new ActiveWatch(rehearsal.state);
  const preview = await previewAtManualGate(rehearsal, stable, tag);
  const beforePromote = await watch.stop();
  expectThat(
    beforePromote.size === 1 && beforePromote.has(stable),
    `only ${stable} active before promote, saw ${[...beforePromote]}`,
  );
  await promoteAndSettle(rehearsal, preview);
  return preview;
}

/**
 * Scenario 3: the preview serves 5 % errors; the gates fail it, the Rollout aborts itself, Argo CD
 * shows Degraded, users never see it. The runbook's fix: revert the image commit; auto-sync
 * brings the Rollout back to Healthy on the stable hash without a new ReplicaSet.
 */
export async function failedThenReverted(rehearsal: Rehearsal, stable: string, tag: string): Promise<void> {
  const watch = new ActiveWatch(rehearsal.state);
  rehearsal.exporter.behave(tag, FIVE_PERCENT_ERRORS);
  const revision = await releaseImage(rehearsal, tag);
  await autoSynced(rehearsal, revision);
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
  await appIs(rehearsal, "Degraded", revision);
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

  const before = await replicaSetHashes(rehearsal);
  const reverted = await revertInGit(rehearsal);
  await autoSynced(rehearsal, reverted);
  await until(rehearsal, "git revert + auto-sync: Healthy on the stable hash again", async () => {
    const rollout = await rehearsal.state.rollout();
    return rollout.phase === "Healthy" && rollout.currentHash === stable ? true : undefined;
  });
  await appIs(rehearsal, "Healthy", reverted);
  const after = await replicaSetHashes(rehearsal);
  expectThat(after === before, `no new ReplicaSet after the revert (${before} → ${after})`);
  const seen = await watch.stop();
  expectThat(seen.size === 1 && seen.has(stable), `the active selector to stay ${stable}, saw ${[...seen]}`);
  // The image is fixed before anyone releases it again.
  rehearsal.exporter.behave(tag, HEALTHY);
}
