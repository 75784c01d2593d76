import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ImageConfig } from "../env";
import { IMAGES_DIR, readCommittedJson } from "../env/committed-json";
import { EnvConfigError, formatIssue } from "../env/errors";
import { imageSchema } from "../env/image-schema";
import { stableJson, writeFileAtomically } from "../ssm/outputs-file";

/** src/env/images/<env>.json, relative to the repository root: the one file automation edits to change what an env runs. */
export function imageFile(env: string): string {
  return join(IMAGES_DIR, `${env}.json`);
}

/** Reads an env's image file; a hand-edited, broken file is a user mistake (EnvConfigError), not a crash. */
export function readImage(repoRoot: string, env: string): ImageConfig {
  const parsed = readCommittedJson(repoRoot, imageFile(env), env);
  const problems = imageProblems(env, parsed);
  if (problems.length > 0) throw new EnvConfigError(`env ${env}`, problems);
  return parsed as ImageConfig;
}

/** Validates an image reference; returns the problems, each naming the field and the value. */
export function imageProblems(env: string, image: unknown): string[] {
  const result = imageSchema.safeParse(image, { reportInput: true });
  return result.success ? [] : result.error.issues.map((issue) => formatIssue(`env ${env}: image`, issue));
}

/** Writes the image file in the stable format (sorted keys); returns false when nothing changed. */
export function writeImage(repoRoot: string, env: string, image: ImageConfig): boolean {
  const path = join(repoRoot, imageFile(env));
  const content = stableJson(image);
  if (readFileSync(path, "utf8") === content) return false;
  writeFileAtomically(path, content);
  return true;
}
