import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { filesBelow } from "../src/render/output";
import type { Manifest } from "../test/support/fixtures";
import type { Kubectl } from "./kubectl";
import { type Patch, patchForRehearsal, type RehearsalTargets } from "./patches";

const WAVE = "argocd.argoproj.io/sync-wave";
const HOOK = "argocd.argoproj.io/hook";
const SYNC_OPTIONS = "argocd.argoproj.io/sync-options";

/** Every object in the YAML files below a folder, in file order. */
export function manifestsIn(dir: string): Manifest[] {
  return filesBelow(dir)
    .filter((name) => name.endsWith(".yaml"))
    .flatMap((name) => parseAllDocuments(readFileSync(join(dir, name), "utf8")).map((doc) => doc.toJS() as Manifest))
    .filter((manifest) => manifest !== null);
}

const waveOf = (manifest: Manifest) => Number(manifest.metadata.annotations?.[WAVE] ?? 0);
const serverSide = (manifest: Manifest) =>
  String(manifest.metadata.annotations?.[SYNC_OPTIONS] ?? "").includes("ServerSideApply=true");

/**
 * Applies the way the website's Argo CD app does: client-side (its three-way merge keeps the hash
 * the Rollouts controller adds to the Services' atomic selectors), server-side where an object
 * asks for it.
 */
async function applyLikeArgoCd(kubectl: Kubectl, manifests: Manifest[]): Promise<void> {
  const clientSide = manifests.filter((manifest) => !serverSide(manifest));
  if (clientSide.length > 0) await kubectl.apply(clientSide);
  const large = manifests.filter(serverSide);
  if (large.length > 0) await kubectl.apply(large, true);
}

/**
 * What an Argo CD sync does with an env folder, without Argo CD: wave by wave, apply as Argo CD
 * would; a Sync hook Job is deleted and created again (its hook-delete-policy is
 * BeforeHookCreation) and must complete before the next wave. The rehearsal patch step runs
 * first; its patches are returned so the caller can print them.
 */
export async function deploy(kubectl: Kubectl, dir: string, targets: RehearsalTargets): Promise<Patch[]> {
  const { manifests, patches } = patchForRehearsal(manifestsIn(dir), targets);
  const waves = [...new Set(manifests.map(waveOf))].sort((a, b) => a - b);
  for (const wave of waves) {
    const inWave = manifests.filter((manifest) => waveOf(manifest) === wave);
    const hooks = inWave.filter((manifest) => manifest.metadata.annotations?.[HOOK] !== undefined);
    const resources = inWave.filter((manifest) => !hooks.includes(manifest));
    await applyLikeArgoCd(kubectl, resources);
    for (const hook of hooks) {
      const { kind, metadata } = hook;
      const ref = `${kind.toLowerCase()}/${metadata.name}`;
      await kubectl.run(["delete", ref, "-n", metadata.namespace, "--ignore-not-found", "--wait=true"]);
      await applyLikeArgoCd(kubectl, [hook]);
      if (kind === "Job") {
        await kubectl.run(["wait", "--for=condition=complete", ref, "-n", metadata.namespace, "--timeout=120s"]);
      }
    }
  }
  return patches;
}
