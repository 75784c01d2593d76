import { execFileSync } from "node:child_process";

export interface SoakStart {
  readonly commit: string;
  /** When the commit that set the image was made (committer time). */
  readonly since: Date;
}

/**
 * The commit that put `digest` into `file` most recently: `git log -S` lists
 * commits that changed how often the string occurs, newest first; while the
 * file still holds the digest, the newest such commit is the one that added it.
 * Undefined when no commit has it yet (the change is not committed).
 */
export function soakStart(repoRoot: string, file: string, digest: string): SoakStart | undefined {
  const line = execFileSync("git", ["log", "-1", "--format=%H %ct", `-S${digest}`, "--", file], {
    cwd: repoRoot,
    encoding: "utf8",
  }).trim();
  if (line === "") return undefined;
  const [commit = "", seconds = "0"] = line.split(" ");
  return { commit, since: new Date(Number(seconds) * 1000) };
}

/** "3 h 12 min": what a person reads in an error message; `round` says which way (elapsed: down, remaining: up). */
export function formatMinutes(minutes: number, round: (value: number) => number = Math.ceil): string {
  const whole = Math.max(0, round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  return hours === 0 ? `${rest} min` : rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
