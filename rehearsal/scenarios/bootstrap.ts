import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { ADD_ONS } from "../../src/addons/catalog";
import { ARGOCD_NAMESPACE } from "../argocd";
import { appIs, autoSynced, expectThat, push, type Rehearsal, revertInGit, until } from "../context";
import { readyReplicas } from "./common";

/** The HPA's minReplicas in production; the Rollout itself names no replica count. */
export const MIN_REPLICAS = 3;
/** The add-on that installs the Rollout CRDs (the rehearsal runs its controller as a process). */
export const ROLLOUTS_ADD_ON = "argo-rollouts-production";
const ROLLOUTS_CHART_VERSION = ADD_ONS.find((addOn) => addOn.name === "argo-rollouts")?.version ?? "";

interface Timestamped {
  metadata: { creationTimestamp: string };
  status?: { completionTime?: string };
}

/**
 * Scenario 1: a new hub is given `argocd/root.yaml` once (docs/argocd.md, "Bootstrap a cluster")
 * and everything else comes from Git: the projects, the add-ons (wave -1, their CRDs with them),
 * then the website, wave by wave, its migration hook before the Rollout.
 */
export async function bootstrap(rehearsal: Rehearsal, revision: string): Promise<string> {
  await rehearsal.kubectl.run([
    "apply",
    "-n",
    ARGOCD_NAMESPACE,
    "-f",
    join(rehearsal.published.root, "argocd", "root.yaml"),
  ]);
  rehearsal.log("  kubectl apply -n argocd -f argocd/root.yaml");
  await autoSynced(rehearsal, revision, rehearsal.rootApp);
  // A Helm source's revision is the chart version.
  await autoSynced(rehearsal, ROLLOUTS_CHART_VERSION, ROLLOUTS_ADD_ON);
  const view = await autoSynced(rehearsal, revision);
  await appIs(rehearsal, "Healthy", revision);

  const hook = view.operation?.resources.find((resource) => resource.kind === "Job" && resource.name === "db-migrate");
  expectThat(hook?.hookPhase === "Succeeded", `the migration hook to have Succeeded, got ${JSON.stringify(hook)}`);
  const { namespace } = rehearsal.state;
  const job = await rehearsal.kubectl.json<Timestamped>("get", "job", "db-migrate", "-n", namespace);
  const rollout = await rehearsal.kubectl.json<Timestamped>("get", "rollout", "website", "-n", namespace);
  const finished = Date.parse(job.status?.completionTime ?? "");
  expectThat(
    finished <= Date.parse(rollout.metadata.creationTimestamp),
    `the migration (done ${job.status?.completionTime}) before the Rollout was created (${rollout.metadata.creationTimestamp})`,
  );
  rehearsal.log("  ✓ the migration hook completed in wave 1, before the Rollout (wave 2) existed");

  return until(rehearsal, `Healthy with ${MIN_REPLICAS} ready pods behind the active Service`, async () => {
    const state = await rehearsal.state.rollout();
    const active = await rehearsal.state.activeServiceHash();
    if (state.phase !== "Healthy" || active === undefined || active !== state.stableHash) return undefined;
    return (await readyReplicas(rehearsal, active)) >= MIN_REPLICAS ? active : undefined;
  });
}

/**
 * Scenario 1, negative: a kind the AppProject does not whitelist (a Role) committed into
 * dist/production fails the sync, and nothing of that commit is applied; reverting it brings the
 * Application back to Synced.
 */
export async function refusedKind(rehearsal: Rehearsal): Promise<void> {
  const role = {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: "rehearsal-not-allowed", namespace: rehearsal.state.namespace },
    rules: [],
  };
  writeFileSync(join(rehearsal.workspace.distOf(rehearsal.env), "role-rehearsal-not-allowed.yaml"), stringify(role));
  await rehearsal.workspace.commit("add a Role the AppProject does not allow");
  const revision = await push(rehearsal);
  const refused = await until(rehearsal, "Argo CD refuses the Role: the sync fails, naming the project", async () => {
    const view = await rehearsal.applications.view(rehearsal.app);
    const role = view.operation?.resources.find((resource) => resource.kind === "Role");
    return view.operation?.revision === revision && role?.status === "SyncFailed" ? role : undefined;
  });
  const found = await rehearsal.kubectl.run(["get", "roles", "-n", rehearsal.state.namespace, "-o", "name"]);
  expectThat(found.trim() === "", `no Role applied, found ${found}`);
  rehearsal.log(`    Argo CD: ${refused.message}`);
  // The sync retries with backoff; each retry takes the newest commit (retry.refresh), so the
  // revert lands at the next attempt instead of after five failed ones.
  const reverted = await revertInGit(rehearsal);
  await autoSynced(rehearsal, reverted);
  await appIs(rehearsal, "Healthy", reverted);
}
