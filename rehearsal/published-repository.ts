import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse, stringify } from "yaml";
import { type Manifest, tempDir } from "../harness/files";
import { filesBelow } from "../src/render/output";
import { type ArgoCdTargets, patchArgoCdObject } from "./argocd-patches";
import { git } from "./git";
import { type Patch, patchForRehearsal, type RehearsalTargets } from "./patches";

/** What Argo CD reads from the repository: the rendered envs and the Argo CD objects. */
const SYNCED_FOLDERS = ["dist", "argocd"];

export interface PublishOptions {
  readonly release: RehearsalTargets;
  readonly argocd: Omit<ArgoCdTargets, "repoUrl">;
}

export interface Publication {
  readonly revision: string;
  readonly patches: readonly Patch[];
  /** `<file>: <reason>` for each object the patch step leaves out. */
  readonly leftOut: readonly string[];
}

/**
 * The Git repository the rehearsal's Argo CD watches (a file:// URL, as Argo CD's own e2e tests
 * use): each commit of the workspace, with the documented patch step applied to what Argo CD
 * reads. It stands in for the GitHub repository; the workspace stands in for a clone where people
 * commit. Only commits here change what runs.
 */
export class PublishedRepository {
  private constructor(readonly root: string) {}

  static async create(): Promise<PublishedRepository> {
    const root = tempDir("rehearsal-published");
    await git(root, "init", "--quiet", "--initial-branch=main");
    return new PublishedRepository(root);
  }

  get url(): string {
    return `file://${this.root}`;
  }

  /** Publishes the workspace's current tree, patched, as one commit with the same message. */
  async publish(workspaceRoot: string, message: string, options: PublishOptions): Promise<Publication> {
    const argocd: ArgoCdTargets = { ...options.argocd, repoUrl: this.url };
    const patches: Patch[] = [];
    const leftOut: string[] = [];
    for (const folder of SYNCED_FOLDERS) {
      rmSync(join(this.root, folder), { recursive: true, force: true });
      for (const file of filesBelow(join(workspaceRoot, folder))) {
        const path = join(folder, file);
        const text = readFileSync(join(workspaceRoot, path), "utf8");
        const written = path.endsWith(".yaml") ? patchFile(path, text, options.release, argocd) : { text, patches: [] };
        patches.push(...written.patches);
        if (written.leftOut !== undefined) {
          leftOut.push(`${path}: ${written.leftOut}`);
          continue;
        }
        mkdirSync(dirname(join(this.root, path)), { recursive: true });
        writeFileSync(join(this.root, path), written.text);
      }
    }
    await git(this.root, "add", "--all");
    await git(this.root, "commit", "--quiet", "--allow-empty", "-m", message);
    const revision = (await git(this.root, "rev-parse", "HEAD")).trim();
    return { revision, patches, leftOut };
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

interface PatchedFile {
  readonly text: string;
  readonly patches: Patch[];
  readonly leftOut?: string;
}

/** One rendered file (one object, as `npm run synth` writes them), through its half of the patch step. */
function patchFile(path: string, text: string, release: RehearsalTargets, argocd: ArgoCdTargets): PatchedFile {
  const original = parse(text) as Manifest;
  if (path.startsWith("argocd")) {
    const result = patchArgoCdObject(original, argocd);
    if (result.manifest === undefined) return { text, patches: [], leftOut: result.leftOut };
    return { text: result.patches.length > 0 ? stringify(result.manifest) : text, patches: result.patches };
  }
  const { manifests, patches } = patchForRehearsal([original], release);
  return { text: patches.length > 0 ? stringify(manifests[0]) : text, patches };
}
