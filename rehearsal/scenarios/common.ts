import type { Rehearsal } from "../context";
import type { AnalysisRunView } from "../rollout-state";

/** An AnalysisRun of `type` for the pods of `hash` that ended in `phase`; a retry adds runs for the same hash. */
export async function runIn(
  rehearsal: Rehearsal,
  type: string,
  hash: string,
  phase: string,
): Promise<AnalysisRunView | undefined> {
  return (await rehearsal.state.analysisRuns()).find(
    (run) => run.type === type && run.podHash === hash && run.phase === phase,
  );
}

/** The pods of `hash` that are ready, as KWOK reports them. */
export async function readyReplicas(rehearsal: Rehearsal, hash: string): Promise<number> {
  return (await rehearsal.state.replicaSets()).find((rs) => rs.hash === hash)?.readyReplicas ?? 0;
}

/** The ReplicaSets of the Rollout, by hash, sorted: "no new ReplicaSet" compares two of these. */
export async function replicaSetHashes(rehearsal: Rehearsal): Promise<string> {
  return (await rehearsal.state.replicaSets())
    .map((rs) => rs.hash)
    .sort()
    .join();
}
