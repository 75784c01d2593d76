import { expectThat, type Rehearsal, until } from "../context";
import { readyReplicas } from "./common";
import { previewAtManualGate, promotedRelease, settleAfterPromote } from "./releases";

interface Quota {
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

interface Job {
  status?: { succeeded?: number };
}

/**
 * Scenario 7: two releases inside the scale-down delay, at full scale. The load from scenario 5
 * holds the HPA at maxReplicas. Release A is promoted: the previous version waits out its
 * scale-down delay at full size. Release B follows inside that delay: its migration hook must be
 * admitted by the ResourceQuota, and at its promotion the preview must reach full size next to
 * the stable and the delayed ReplicaSets — at most scaleDownDelayRevisionLimit of those.
 */
export async function twoReleasesInsideScaleDownDelay(
  rehearsal: Rehearsal,
  stable: string,
  maxReplicas: number,
  [tagA, tagB]: readonly [string, string],
): Promise<string> {
  await until(
    rehearsal,
    `the HPA holds the Rollout at maxReplicas (${maxReplicas} ready pods)`,
    async () => ((await readyReplicas(rehearsal, stable)) >= maxReplicas ? true : undefined),
    300_000,
  );
  const releaseA = await promotedRelease(rehearsal, stable, tagA);
  const delayed = (await rehearsal.state.replicaSets()).find((rs) => rs.hash === stable);
  expectThat(delayed !== undefined && delayed.replicas === maxReplicas, `${stable} kept at full size for its delay`);

  const releaseB = await previewAtManualGate(rehearsal, releaseA, tagB);
  const migration = await rehearsal.kubectl.json<Job>("get", "job", "db-migrate", "-n", rehearsal.state.namespace);
  expectThat(migration.status?.succeeded === 1, "release B's migration hook admitted and completed");
  await rehearsal.state.operator("promote");
  // Before the switch the preview is scaled to full size, next to the stable release A and `stable`,
  // which still waits out its scale-down delay: three full copies, which the quota must admit.
  await until(rehearsal, `release B at full size (${maxReplicas} ready pods) before the switch`, async () =>
    (await readyReplicas(rehearsal, releaseB)) >= maxReplicas ? true : undefined,
  );
  const full = (await rehearsal.state.replicaSets()).filter((rs) => rs.replicas >= maxReplicas).map((rs) => rs.hash);
  const quota = await rehearsal.kubectl.json<Quota>("get", "resourcequota", "compute", "-n", rehearsal.state.namespace);
  rehearsal.log(
    `    full-size ReplicaSets: ${full.join(", ")}; quota pods used/hard: ${quota.status?.used?.pods}/${quota.status?.hard?.pods}`,
  );
  expectThat(
    [stable, releaseA, releaseB].every((hash) => full.includes(hash)),
    `three full copies at once (${stable}, ${releaseA}, ${releaseB}), saw ${full.join(", ")}: the second release came too late to test the quota`,
  );
  await settleAfterPromote(rehearsal, releaseB);
  return releaseB;
}
