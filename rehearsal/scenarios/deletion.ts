import { rmSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { appIs, autoSynced, expectThat, push, type Rehearsal, revertInGit, until } from "../context";
import { ROLLOUTS_ADD_ON } from "./bootstrap";
import { readyReplicas, replicaSetHashes } from "./common";

/** What a deleted Application would take with it, and what must therefore still be there. */
const ROLLOUT_CRDS = ["rollouts.argoproj.io", "analysistemplates.argoproj.io", "analysisruns.argoproj.io"];
const WORKLOAD = ["rollout/website", "service/website-active", "service/website-preview", "ingress/website"];
/** Long enough for a cascade deletion (foreground, garbage collector) to have shown itself. */
const SETTLE_SECONDS = 10;

/**
 * Scenario 6: one commit deletes the website Application's file and the argo-rollouts add-on's
 * (the owner of the Rollout CRDs). The app of apps prunes both Applications; because they have no
 * cascade finalizer, and the Namespace and the CRDs are marked Prune=false/Delete=false, the
 * Namespace, the CRDs and the running workload stay, and users keep being served. Reverting the
 * commit brings both Applications back, and they adopt what runs without new pods.
 */
export async function deletedApplicationFiles(rehearsal: Rehearsal, stable: string): Promise<void> {
  const { namespace } = rehearsal.state;
  const before = await replicaSetHashes(rehearsal);
  const ready = await readyReplicas(rehearsal, stable);
  for (const app of [rehearsal.app, ROLLOUTS_ADD_ON]) {
    rmSync(join(rehearsal.workspace.root, "argocd", "apps", `application-${app}.yaml`));
  }
  await rehearsal.workspace.commit("remove the website and argo-rollouts Applications");
  const revision = await push(rehearsal);
  await autoSynced(rehearsal, revision, rehearsal.rootApp);
  await until(rehearsal, "the app of apps pruned both Applications", async () => {
    const left = await Promise.all([rehearsal.app, ROLLOUTS_ADD_ON].map((app) => rehearsal.applications.exists(app)));
    return left.every((exists) => !exists) ? true : undefined;
  });
  await sleep(SETTLE_SECONDS * 1000);

  const phase = await rehearsal.kubectl.run(["get", "namespace", namespace, "-o", "jsonpath={.status.phase}"]);
  expectThat(phase === "Active", `namespace ${namespace} Active, got ${phase}`);
  const crds = await rehearsal.kubectl.run(["get", "crd", ...ROLLOUT_CRDS, "-o", "name"]);
  expectThat(crds.trim().split("\n").length === ROLLOUT_CRDS.length, `the Rollout CRDs still there, got ${crds}`);
  const workload = await rehearsal.kubectl.run([
    "get",
    ...WORKLOAD.flatMap((ref) => [ref]),
    "-n",
    namespace,
    "-o",
    "name",
  ]);
  expectThat(workload.trim().split("\n").length === WORKLOAD.length, `the workload still there, got ${workload}`);
  const rollout = await rehearsal.state.rollout();
  expectThat(
    rollout.phase === "Healthy" && (await rehearsal.state.activeServiceHash()) === stable,
    `the Rollout Healthy and serving ${stable}, got ${rollout.phase}`,
  );
  expectThat((await readyReplicas(rehearsal, stable)) >= ready, `the ${ready} ready pods still there`);
  rehearsal.log(
    `  ✓ after ${SETTLE_SECONDS} s: namespace Active, Rollout CRDs, Rollout, Services and Ingress in place, serving`,
  );

  const restored = await revertInGit(rehearsal);
  await autoSynced(rehearsal, restored, rehearsal.rootApp);
  await until(rehearsal, "both Applications are back", async () => {
    const back = await Promise.all([rehearsal.app, ROLLOUTS_ADD_ON].map((app) => rehearsal.applications.exists(app)));
    return back.every(Boolean) ? true : undefined;
  });
  await appIs(rehearsal, "Healthy", restored);
  const after = await replicaSetHashes(rehearsal);
  expectThat(after === before, `no new ReplicaSet after the Applications came back (${before} → ${after})`);
}
