import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ImageConfig } from "../env";
import { EnvConfigError, formatIssue } from "../env/errors";
import { imageSchema } from "../env/image-schema";
import { stableJson, writeFileAtomically } from "../ssm/outputs-file";

/** src/env/images/<env>.json: the one file automation edits to change what an env runs. */
export function imageFilePath(imagesDir: string, env: string): string {
  return join(imagesDir, `${env}.json`);
}

/** Reads an env's image file; a hand-edited, broken file is a user mistake (EnvConfigError), not a crash. */
export function readImage(imagesDir: string, env: string): ImageConfig {
  const path = imageFilePath(imagesDir, env);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new EnvConfigError(`env ${env}`, [`env ${env}: ${path}: not readable JSON (${(error as Error).message})`]);
  }
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
export function writeImage(imagesDir: string, env: string, image: ImageConfig): boolean {
  const path = imageFilePath(imagesDir, env);
  const content = stableJson(image);
  if (readFileSync(path, "utf8") === content) return false;
  writeFileAtomically(path, content);
  return true;
}

/** Env inputs with each env's image read from the image files (the files are the truth, not the loaded modules). */
export function withImages(inputs: Readonly<Record<string, unknown>>, imagesDir: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(inputs).map(([env, input]) => [env, { ...(input as object), image: readImage(imagesDir, env) }]),
  );
}
