import { ActiveWatch, appIs, expectThat, type Rehearsal, staysSynced, until } from "../context";
import { MIN_REPLICAS } from "./bootstrap";

/** A hand-edited image nobody released; obviously not a real tag. */
const HAND_EDITED_IMAGE = "candlefish/website:hand-edit-not-released";

/**
 * Scenario 5: someone edits the running Rollout's image by hand. Argo CD's self-heal puts Git's
 * image back (an automated sync), the stray preview goes away, users never leave the stable
 * version. Under the load turned on before scenario 4 the HPA scales the Rollout, and Argo CD leaves
 * that alone (the Rollout has no replicas in Git; ignoreDifferences with RespectIgnoreDifferences):
 * Synced, replicas as the HPA set them.
 */
export async function selfHealAndAutoscaling(rehearsal: Rehearsal, stable: string): Promise<void> {
  const watch = new ActiveWatch(rehearsal.state);
  const gitImage = (await rehearsal.state.rollout()).image;
  const editedAt = Date.now();
  await rehearsal.state.setImageByHand(HAND_EDITED_IMAGE);
  rehearsal.log(`  kubectl argo rollouts set image website website=${HAND_EDITED_IMAGE} (a hand edit)`);
  await until(rehearsal, "Argo CD self-heals: Git's image is back, by an automated sync", async () => {
    const view = await rehearsal.applications.view(rehearsal.app);
    const healed = view.operation?.automated === true && Date.parse(view.operation.startedAt) >= editedAt - 1000;
    return healed && (await rehearsal.state.rollout()).image === gitImage ? true : undefined;
  });
  await until(rehearsal, "the Rollout is Healthy on the stable hash again", async () => {
    const rollout = await rehearsal.state.rollout();
    return rollout.phase === "Healthy" && rollout.currentHash === stable ? true : undefined;
  });
  await appIs(rehearsal, "Healthy");
  const seen = await watch.stop();
  expectThat(seen.size === 1 && seen.has(stable), `the active selector to stay ${stable}, saw ${[...seen]}`);

  const scaled = await until(rehearsal, "under load, the HPA has scaled the Rollout up", async () => {
    const { replicas } = await rehearsal.state.rollout();
    return replicas !== undefined && replicas > MIN_REPLICAS ? replicas : undefined;
  });
  await staysSynced(rehearsal, 10);
  const { replicas } = await rehearsal.state.rollout();
  expectThat(replicas !== undefined && replicas >= scaled, `the HPA's ${scaled} replicas kept, found ${replicas}`);
  rehearsal.log(`  ✓ Argo CD keeps the HPA's replicas (${scaled} → ${replicas}) and stays Synced`);
}
