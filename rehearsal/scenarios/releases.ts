import { SCENARIOS } from "../../test/support/scenarios";
import {
  ActiveWatch,
  appIs,
  autoSynced,
  expectThat,
  type Rehearsal,
  releaseImage,
  revertInGit,
  until,
} from "../context";
import { MIN_REPLICAS } from "./bootstrap";
import { readyReplicas, replicaSetHashes, runIn } from "./common";

export const HEALTHY = SCENARIOS.healthy.preview;
const FIVE_PERCENT_ERRORS = SCENARIOS["preview-errors-only"].preview;

/**
 * An image change, committed and pushed: Argo CD auto-syncs it (the migration hook, then the new
 * Rollout spec), the preview comes up, passes its pre-promotion gates and waits at the manual
 * gate, which Argo CD shows as Synced and Suspended. Returns the preview's pod hash.
 */
export async function previewAtManualGate(rehearsal: Rehearsal, stable: string, tag: string): Promise<string> {
  rehearsal.exporter.serve("preview", HEALTHY);
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
  await promote(rehearsal);
  await settleAfterPromote(rehearsal, preview);
}

/** `kubectl argo rollouts promote`; the exporter's preview traffic becomes the active role's. */
export async function promote(rehearsal: Rehearsal): Promise<void> {
  await rehearsal.state.operator("promote");
  rehearsal.exporter.promotePreview();
}

/** After promote: the active Service switches, the post-promotion gates pass, Argo CD shows Healthy. */
export async function settleAfterPromote(rehearsal: Rehearsal, preview: string): Promise<void> {
  await until(rehearsal, "promote switches the active Service to the new hash", async () =>
    (await rehearsal.state.activeServiceHash()) === preview ? true : undefined,
  );
  await until(rehearsal, "post-promotion analysis passes and the Rollout is Healthy", async () => {
    const passed = await runIn(rehearsal, "PostPromotion", preview, "Successful");
    return passed !== undefined && (await rehearsal.state.rollout()).phase === "Healthy" ? passed : undefined;
  });
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
  rehearsal.exporter.serve("preview", FIVE_PERCENT_ERRORS);
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
  rehearsal.exporter.serve("preview", null);
}
