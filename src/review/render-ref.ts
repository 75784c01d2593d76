import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RenderedRef {
  readonly distRoot: string;
  readonly argocdRoot: string;
  /** How the base was obtained, for the report. */
  readonly how: string;
  cleanUp(): void;
}

/**
 * Renders a git ref in a temporary worktree with its own sources (this
 * checkout's node_modules linked in), through its launcher when it has one
 * (keeping its render in `sharedCache`, when given), else through tsx. A ref
 * whose renderer does not run (too old, or broken) falls back to the output
 * committed at that ref.
 */
export function renderRef(repoRoot: string, ref: string, sharedCache?: string): RenderedRef {
  const scratch = mkdtempSync(join(tmpdir(), "candlefish-diff-"));
  const worktree = join(scratch, "worktree");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  try {
    git("worktree", "add", "--detach", worktree, ref);
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
  const cleanUp = () => {
    git("worktree", "remove", "--force", worktree);
    rmSync(scratch, { recursive: true, force: true });
  };
  const out = { distRoot: join(scratch, "out", "dist"), argocdRoot: join(scratch, "out", "argocd") };
  try {
    symlinkSync(join(repoRoot, "node_modules"), join(worktree, "node_modules"), "dir");
    const launcher = join(worktree, "bin", "candlefish.cjs");
    const entry = existsSync(launcher) ? [launcher] : [join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "src/main.ts"];
    execFileSync(process.execPath, [...entry, "synth", "--out", out.distRoot, "--argocd-out", out.argocdRoot], {
      cwd: worktree,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CANDLEFISH_CACHE: sharedCache ?? join(scratch, "cache") },
    });
    return { ...out, how: `rendered from ${ref}'s sources`, cleanUp };
  } catch {
    for (const folder of ["dist", "argocd"] as const) {
      const committed = join(worktree, folder);
      if (existsSync(committed))
        cpSync(committed, folder === "dist" ? out.distRoot : out.argocdRoot, { recursive: true });
    }
    return { ...out, how: `${ref}'s committed output (its sources did not render)`, cleanUp };
  }
}
