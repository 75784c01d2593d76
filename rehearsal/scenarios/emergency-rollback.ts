import { setTimeout as sleep } from "node:timers/promises";
import { ARGOCD_NAMESPACE } from "../argocd";
import { ActiveWatch, appIs, autoSynced, expectThat, push, type Rehearsal, revertInGit, until } from "../context";
import { MIN_REPLICAS } from "./bootstrap";
import { runIn } from "./common";
import { promoteAndSettle, promotedRelease } from "./releases";

/** How long the rehearsal watches Argo CD not sync a commit outside the window: several resyncs and refreshes. */
const BLOCKED_SECONDS = 10;
/** What the operation of a manual sync says when Argo CD v3.5.1 blocks it although the window allows it. */
const STALLED = "Sync operation blocked by sync window";
/** How long the rehearsal watches what the Rollout does after undo and self-heal. */
const UNDO_AFTERMATH_SECONDS = 5;

/**
 * Scenario 4: a release passed its gates and was promoted; then it turns out bad (something the
 * metrics do not see). First the old runbook's path, `kubectl argo rollouts undo`, to show why it
 * is gone: selfHeal puts the bad template back, and because the bad ReplicaSet is still inside its
 * scale-down delay, Argo Rollouts fast-tracks it past the pause and the analysis
 * (argo-rollouts v1.9.1 rollout/bluegreen.go isBlueGreenFastTracked, rollout/analysis.go
 * rollbackToScaleDownDelay): users get the bad version back with no gate.
 * Then the documented path (docs/rollouts.md), outside the production sync window, as an incident
 * at night would be: `git revert` of the image commit, which auto-sync does not apply outside the
 * window, and a manual `argocd app sync`, which the window allows. Users end on the good version,
 * and once it serves they never see the bad one again.
 */
export async function emergencyRollback(rehearsal: Rehearsal, good: string, tag: string): Promise<string> {
  const bad = await promotedRelease(rehearsal, good, tag);
  await undoIsRevertedBySelfHeal(rehearsal, good, bad);

  await setSyncWindow(rehearsal, "closed");
  const reverted = await revertInGit(rehearsal);
  await until(rehearsal, "outside the window Argo CD sees the revert (OutOfSync) but does not sync it", async () => {
    const view = await rehearsal.applications.view(rehearsal.app);
    return view.revision === reverted && view.sync === "OutOfSync" ? true : undefined;
  });
  const image = (await rehearsal.state.rollout()).image;
  await sleep(BLOCKED_SECONDS * 1000);
  const blocked = await rehearsal.applications.view(rehearsal.app);
  expectThat(
    blocked.sync === "OutOfSync" && blocked.operation?.revision !== reverted,
    `no sync of ${reverted.slice(0, 7)} for ${BLOCKED_SECONDS} s outside the window, got ${JSON.stringify(blocked.operation)}`,
  );
  expectThat((await rehearsal.state.rollout()).image === image, "the Rollout's template untouched while blocked");
  rehearsal.log(`  ✓ auto-sync stays blocked for ${BLOCKED_SECONDS} s: OutOfSync, the cluster untouched`);

  const watch = new ActiveWatch(rehearsal.state);
  // If its pods are gone, the good version comes back as a preview and is judged on its traffic.
  await syncByHandOutsideTheWindow(rehearsal, reverted);
  await backOnGoodVersion(rehearsal, good);
  const seen = [...(await watch.stop())];
  const firstGood = seen.indexOf(good);
  expectThat(
    firstGood >= 0 && seen.slice(firstGood).every((hash) => hash === good),
    `once the good version serves, never the bad one again (active selectors seen in order: ${seen})`,
  );
  await setSyncWindow(rehearsal, "open");
  return good;
}

/**
 * The old runbook: undo. The undo does not stick: Argo CD's self-heal restores Git's (bad)
 * template by an automated sync within seconds. What the Rollout then does depends on timing: it
 * fast-tracks the bad ReplicaSet back (it is inside its scale-down delay) or wedges in a cutover
 * it never finishes; either way it does not end cleanly on the good version, which is the point.
 */
async function undoIsRevertedBySelfHeal(rehearsal: Rehearsal, good: string, bad: string): Promise<void> {
  const watch = new ActiveWatch(rehearsal.state);
  const gatesBefore = (await rehearsal.state.analysisRuns()).filter((run) => run.podHash === bad).length;
  const image = (await rehearsal.state.rollout()).image;
  const undoneAt = Date.now();
  await rehearsal.state.operator("undo");
  rehearsal.log("  kubectl argo rollouts undo website (the old runbook's rollback)");
  await until(rehearsal, "Argo CD self-heals the undo: the bad template is back, by an automated sync", async () => {
    const view = await rehearsal.applications.view(rehearsal.app);
    const healed = view.operation?.automated === true && Date.parse(view.operation.startedAt) >= undoneAt - 1000;
    return healed && (await rehearsal.state.rollout()).image === image ? true : undefined;
  });
  await sleep(UNDO_AFTERMATH_SECONDS * 1000);
  const rollout = await rehearsal.state.rollout();
  const active = await rehearsal.state.activeServiceHash();
  const gatesAfter = (await rehearsal.state.analysisRuns()).filter((run) => run.podHash === bad).length;
  const seen = [...(await watch.stop())];
  rehearsal.log(
    `    ${UNDO_AFTERMATH_SECONDS} s later: users on the ${active === bad ? "bad" : "good"} version, Rollout ${rollout.phase}` +
      ` (${rollout.message || "no message"}), stable: the ${rollout.stableHash === bad ? "bad" : "good"} version, ` +
      `${gatesAfter - gatesBefore} new AnalysisRun(s) for the bad version; active selectors seen: ${seen.join(" → ")}`,
  );
  const cleanlyBack = rollout.phase === "Healthy" && active === good && rollout.stableHash === good;
  expectThat(!cleanlyBack, "undo under selfHeal not to end cleanly on the good version (it did: is the hazard gone?)");
  rehearsal.log("    hence the runbook: never undo while selfHeal is on; revert in Git");
}

/**
 * The runbook's manual sync outside the window (`argocd app sync`; the window's manualSync allows
 * it). On Argo CD v3.5.1 it stalls on "Sync operation blocked by sync window" when the last
 * operation was automated (argo-cd issue 26215, see Applications.clearOperationState); the runbook's
 * workaround is to clear the stale operation state and sync again. Either way the revert is synced
 * by a manual operation.
 */
async function syncByHandOutsideTheWindow(rehearsal: Rehearsal, reverted: string): Promise<void> {
  const { applications, app } = rehearsal;
  // The manual sync must leave the HPA's replicas alone, as auto-sync does: scaled up under load first.
  const scaled = await until(rehearsal, "under load, the HPA has scaled the Rollout up", async () => {
    const { replicas } = await rehearsal.state.rollout();
    return replicas !== undefined && replicas > MIN_REPLICAS ? replicas : undefined;
  });
  const syncedByHand = async (since: number) => {
    const view = await applications.view(app);
    const operation = view.operation;
    if (operation === undefined || Date.parse(operation.startedAt) < since - 1000) return undefined;
    if (operation.phase === "Succeeded" && operation.revision === reverted) return "synced";
    return operation.message === STALLED ? "stalled" : undefined;
  };
  let asked = Date.now();
  await applications.syncByHand(app, "release-manager");
  rehearsal.log(`  argocd app sync ${app} (a manual sync: the window's manualSync allows it)`);
  const first = await until(rehearsal, "the manual sync runs, or stalls on the v3.5.1 window bug", () =>
    syncedByHand(asked),
  );
  if (first === "stalled") {
    rehearsal.log(`    Argo CD: "${STALLED}" (argo-cd issue 26215); the runbook's workaround:`);
    await applications.clearOperationState(app);
    asked = Date.now();
    await applications.syncByHand(app, "release-manager");
    rehearsal.log("    cleared the stale operation state (hub admin), argocd app sync again");
    // Its first round still reads no manual initiator (the state it just cleared); the next one syncs.
    await until(rehearsal, "the manual sync of the revert Succeeds", async () =>
      (await syncedByHand(asked)) === "synced" ? true : undefined,
    );
  }
  const { replicas } = await rehearsal.state.rollout();
  expectThat(
    replicas !== undefined && replicas >= scaled,
    `the manual sync to keep the HPA's ${scaled} replicas, found ${replicas}`,
  );
  rehearsal.log(`  ✓ the manual sync kept the HPA's replicas (${scaled} → ${replicas})`);
}

/**
 * After the revert is synced: the good version is back, either at once (its ReplicaSet was still
 * inside its scale-down delay: a known-good version returns without gates) or through the gates
 * and the manual gate (its pods were gone: a release like any other).
 */
async function backOnGoodVersion(rehearsal: Rehearsal, good: string): Promise<void> {
  const path = await until(rehearsal, "the good version is back, or waits at the manual gate", async () => {
    const rollout = await rehearsal.state.rollout();
    const active = await rehearsal.state.activeServiceHash();
    if (active === good && rollout.phase === "Healthy") return "fast-tracked: it was still scaled up";
    if (rollout.atManualGate && (await runIn(rehearsal, "PrePromotion", good, "Successful")) !== undefined) {
      return "gated: its pods were gone, so it passed the pre-promotion gates like any release";
    }
    return undefined;
  });
  rehearsal.log(`    the good version: ${path}`);
  if (path.startsWith("gated")) await promoteAndSettle(rehearsal, good);
  await appIs(rehearsal, "Healthy");
}

/**
 * Opens or closes the production sync window: a change of the patch step, published like a
 * commit; the app of apps syncs the AppProject (its own project has no window).
 */
async function setSyncWindow(rehearsal: Rehearsal, state: "open" | "closed"): Promise<void> {
  rehearsal.argocd = { ...rehearsal.argocd, syncWindow: state, now: new Date() };
  const revision = await push(rehearsal, `rehearsal patch step: production sync window ${state}`);
  await autoSynced(rehearsal, revision, rehearsal.rootApp);
  const wanted = state === "open" ? "* * * * *" : "";
  await until(rehearsal, `the AppProject's production sync window is ${state}`, async () => {
    const schedule = await rehearsal.kubectl.run([
      "get",
      "appproject",
      "candlefish",
      "-n",
      ARGOCD_NAMESPACE,
      "-o",
      "jsonpath={.spec.syncWindows[0].schedule}",
    ]);
    return (state === "open" ? schedule === wanted : schedule !== "* * * * *") ? true : undefined;
  });
}
