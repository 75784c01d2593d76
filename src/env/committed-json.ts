import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EnvConfigError } from "./errors";
import { describeJsonProblem } from "./json-problem";

/** Each env's image (written by set-image and promote), relative to the repository root. */
export const IMAGES_DIR = "src/env/images";
/** Each env's infra outputs (written by resolve), relative to the repository root. */
export const OUTPUTS_DIR = "src/env/outputs";

/**
 * Reads one of the JSON files automation commits for an env. They are read
 * when a command runs, never bundled into the code: an image bump must not
 * invalidate the cached build, and the file on disk is the truth. A missing
 * or hand-broken file is a user mistake (EnvConfigError: one line, exit 2).
 */
export function readCommittedJson(repoRoot: string, file: string, env: string): unknown {
  let text: string;
  try {
    text = readFileSync(join(repoRoot, file), "utf8");
  } catch (error) {
    throw new EnvConfigError(env, [`env ${env}: ${file}: cannot be read (${(error as NodeJS.ErrnoException).code})`]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new EnvConfigError(env, [`env ${env}: ${file}: ${describeJsonProblem(text)}`]);
  }
}
