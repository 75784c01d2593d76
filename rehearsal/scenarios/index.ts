import { type Rehearsal, staysSynced } from "../context";
import type { Load } from "../load";
import { bootstrap, refusedKind } from "./bootstrap";
import { deletedApplicationFiles } from "./deletion";
import { emergencyRollback } from "./emergency-rollback";
import { twoReleasesInsideScaleDownDelay } from "./quota";
import { failedThenReverted, promotedRelease } from "./releases";
import { selfHealAndAutoscaling } from "./self-heal";

type Phase = <T>(name: string, run: () => Promise<T>) => Promise<T>;

export interface ScenarioInputs {
  /** The first published commit, which the bootstrap syncs. */
  readonly firstRevision: string;
  readonly load: Load;
  /** The HPA's maxReplicas in the rehearsed env. */
  readonly maxReplicas: number;
}

/** Seconds each scenario ends with, watching that nothing fights Argo CD (the Application stays Synced). */
const SETTLE_SECONDS = 3;
/** CPU per container under load: 4× the website's request. */
const FULL_LOAD = "1000m";

/** The scenarios of docs/rehearsal.md, in order; each leaves the website Application Synced. */
export async function runScenarios(rehearsal: Rehearsal, inputs: ScenarioInputs, phase: Phase): Promise<void> {
  const scenario = async <T>(name: string, run: () => Promise<T>): Promise<T> =>
    phase(name, async () => {
      const value = await run();
      await staysSynced(rehearsal, SETTLE_SECONDS);
      return value;
    });
  const first = await scenario(
    "1. bootstrap from argocd/root.yaml: Synced, Healthy, migration before the Rollout",
    () => bootstrap(rehearsal, inputs.firstRevision),
  );
  // From here on the website is under load: the HPA climbs to maxReplicas over a few minutes (its
  // scale-up policy and metrics-server's resolution), while the next scenarios run; scenario 5 checks
  // that Argo CD leaves the HPA's replicas alone, scenario 7 needs them at the top.
  await inputs.load.set(FULL_LOAD);
  rehearsal.log(`load: every container at ${FULL_LOAD} CPU (400 % of its request; the HPA targets 70 %)`);
  await scenario("1b. a kind outside the AppProject fails the sync; the revert syncs", () => refusedKind(rehearsal));
  const second = await scenario("2. image bump: auto-sync, gates, Suspended at the manual gate, promote", () =>
    promotedRelease(rehearsal, first, "v1.1.0"),
  );
  await scenario("3. bad release: gates fail, auto-abort, Degraded; revert in Git", () =>
    failedThenReverted(rehearsal, second, "v1.2.0"),
  );
  await scenario("4. emergency rollback: undo vs selfHeal; revert + manual sync outside the sync window", () =>
    emergencyRollback(rehearsal, second, "v1.3.0"),
  );
  await scenario("5. self-heal reverts a hand edit; HPA replicas are left alone", () =>
    selfHealAndAutoscaling(rehearsal, second),
  );
  await scenario("6. deleting the website and argo-rollouts Application files leaves everything running", () =>
    deletedApplicationFiles(rehearsal, second),
  );
  await scenario("7. two releases inside scaleDownDelay at maxReplicas: admitted by the quota", () =>
    twoReleasesInsideScaleDownDelay(rehearsal, second, inputs.maxReplicas, ["v1.4.0", "v1.5.0"]),
  );
}
