import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The rehearsal commits as itself, never as whoever runs it. */
const AUTHOR = { name: "rehearsal", email: "rehearsal@example.invalid" };

/** `git <args>` in `cwd`; throws with git's output when it fails. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: AUTHOR.name,
    GIT_AUTHOR_EMAIL: AUTHOR.email,
    GIT_COMMITTER_NAME: AUTHOR.name,
    GIT_COMMITTER_EMAIL: AUTHOR.email,
  };
  try {
    return (await run("git", args, { cwd, env })).stdout;
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string };
    throw new Error(`git ${args.join(" ")} failed:\n${failed.stderr ?? ""}${failed.stdout ?? ""}`);
  }
}
