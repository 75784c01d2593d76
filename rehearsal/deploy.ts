import { type Manifest, manifestsIn } from "../test/support/fixtures";
import type { Kubectl } from "./kubectl";
import { patchForRehearsal, type RehearsalTargets } from "./patches";

const WAVE = "argocd.argoproj.io/sync-wave";
const HOOK = "argocd.argoproj.io/hook";
const SYNC_OPTIONS = "argocd.argoproj.io/sync-options";

const waveOf = (manifest: Manifest) => Number(manifest.metadata.annotations?.[WAVE] ?? 0);
const serverSide = (manifest: Manifest) =>
  String(manifest.metadata.annotations?.[SYNC_OPTIONS] ?? "").includes("ServerSideApply=true");

/** One sync wave: what is applied client-side, server-side, and the hooks run after them. */
export interface SyncWave {
  readonly wave: number;
  readonly clientSide: Manifest[];
  readonly serverSide: Manifest[];
  readonly hooks: Manifest[];
}

/**
 * The order an Argo CD sync of the website app takes: waves ascending; within a wave, client-side
 * apply (the app's mode: its three-way merge keeps the hash the Rollouts controller adds to the
 * Services' atomic selectors), server-side where an object asks for it, then the wave's hooks.
 */
export function planSync(manifests: Manifest[]): SyncWave[] {
  const waves = [...new Set(manifests.map(waveOf))].sort((a, b) => a - b);
  return waves.map((wave) => {
    const inWave = manifests.filter((manifest) => waveOf(manifest) === wave);
    const hooks = inWave.filter((manifest) => manifest.metadata.annotations?.[HOOK] !== undefined);
    const resources = inWave.filter((manifest) => !hooks.includes(manifest));
    return {
      wave,
      clientSide: resources.filter((manifest) => !serverSide(manifest)),
      serverSide: resources.filter(serverSide),
      hooks,
    };
  });
}

/**
 * What an Argo CD sync does with an env folder, without Argo CD (see planSync). A Sync hook Job is
 * deleted and created again (its hook-delete-policy is BeforeHookCreation) and must complete before
 * the next wave. The rehearsal patch step runs first (main.ts prints what it changes).
 */
export async function deploy(kubectl: Kubectl, dir: string, targets: RehearsalTargets): Promise<void> {
  const { manifests } = patchForRehearsal(manifestsIn(dir), targets);
  for (const wave of planSync(manifests)) {
    if (wave.clientSide.length > 0) await kubectl.apply(wave.clientSide);
    if (wave.serverSide.length > 0) await kubectl.apply(wave.serverSide, true);
    for (const hook of wave.hooks) {
      const { kind, metadata } = hook;
      const ref = `${kind.toLowerCase()}/${metadata.name}`;
      await kubectl.run(["delete", ref, "-n", metadata.namespace, "--ignore-not-found", "--wait=true"]);
      await kubectl.apply([hook], serverSide(hook));
      if (kind === "Job") {
        await kubectl.run(["wait", "--for=condition=complete", ref, "-n", metadata.namespace, "--timeout=120s"]);
      }
    }
  }
}
