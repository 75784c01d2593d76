import { execFile } from "node:child_process";
import { cpSync, rmSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { tempDir } from "../harness/files";
import { git } from "./git";

const run = promisify(execFile);

/** What `npm run set-image` and `npm run synth` read and write (bin/: the launcher the npm scripts run). */
const COPIED = ["package.json", "package-lock.json", "tsconfig.json", "bin", "src", "imports", "dist", "argocd"];

/**
 * A throwaway clone of the working tree as its own Git repository, where the rehearsal makes
 * its changes the way a pull request would: `npm run set-image`, a commit, `git revert`. The
 * real checkout is never touched.
 */
export class Workspace {
  private constructor(readonly root: string) {}

  static async create(repoRoot: string): Promise<Workspace> {
    const root = tempDir("rehearsal-repo");
    for (const entry of COPIED) cpSync(join(repoRoot, entry), join(root, entry), { recursive: true });
    symlinkSync(resolve(repoRoot, "node_modules"), join(root, "node_modules"));
    const workspace = new Workspace(root);
    await workspace.git("init", "--quiet", "--initial-branch=main");
    await workspace.commit("the checkout under rehearsal");
    return workspace;
  }

  /** Rendered manifests of one env, as Argo CD would read them from this commit. */
  distOf(env: string): string {
    return join(this.root, "dist", env);
  }

  /** `npm run <script> -- <args>` inside the workspace; throws with its output when it fails. */
  async npm(script: string, ...args: string[]): Promise<string> {
    try {
      const { stdout } = await run("npm", ["run", "--silent", script, "--", ...args], { cwd: this.root });
      return stdout;
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string };
      throw new Error(`npm run ${script} ${args.join(" ")} failed:\n${failed.stderr ?? ""}${failed.stdout ?? ""}`);
    }
  }

  async commit(message: string): Promise<void> {
    await this.git("add", "--all");
    await this.git("commit", "--quiet", "--allow-empty", "-m", message);
  }

  /** Reverts the last commit, as the runbook's "After an abort" says. */
  async revertLast(): Promise<void> {
    await this.git("revert", "--no-edit", "HEAD");
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  /** The commit the workspace is at. */
  async head(): Promise<string> {
    return (await this.git("rev-parse", "HEAD")).trim();
  }

  /** `git <args>` in the workspace, for changes no npm script makes (removing a file, a hand edit). */
  git(...args: string[]): Promise<string> {
    return git(this.root, ...args);
  }
}
