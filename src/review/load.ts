import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "yaml";
import type { RenderedFile } from "../render/manifests";
import { childDirs, filesBelow } from "../render/output";
import type { RenderPlan } from "../render/plan";
import type { ReviewedObject } from "./compare";

interface Parsed {
  kind?: string;
  metadata?: { name?: string };
}

/** A rendered file as the review reads it: its folder (an env name, or "argocd"), name and text. */
export interface ScopedFile {
  readonly scope: string;
  readonly file: string;
  readonly content: string;
  /** The object the text was written from, when known: then the YAML need not be parsed. */
  readonly object?: unknown;
}

/** Every file below `<distRoot>/<env>/` and `<argocdRoot>/`. */
export function filesInDirs(distRoot: string, argocdRoot: string): ScopedFile[] {
  const sources = [
    ...childDirs(distRoot).map((dir) => ({ scope: basename(dir), dir })),
    { scope: "argocd", dir: argocdRoot },
  ];
  return sources.flatMap(({ scope, dir }) =>
    filesBelow(dir).map((file) => ({ scope, file, content: readFileSync(join(dir, file), "utf8") })),
  );
}

/** Every file of a render plan, as it would be written. */
export function filesOfPlan(plan: RenderPlan): ScopedFile[] {
  const units: [string, readonly RenderedFile[]][] = [...plan.envs, ["argocd", plan.argocd ?? []]];
  return units.flatMap(([scope, files]) =>
    files.map(({ name, content, object }) => ({ scope, file: name, content, object })),
  );
}

function reviewed({ scope, file, content, object }: ScopedFile): ReviewedObject {
  const body = (object ?? parse(content)) as Parsed & Record<string, unknown>;
  return { scope, file, kind: body.kind ?? "?", name: body.metadata?.name ?? "?", body };
}

/** Every rendered object below `<distRoot>/<env>/` and `<argocdRoot>/`. */
export function loadRender(distRoot: string, argocdRoot: string): ReviewedObject[] {
  return filesInDirs(distRoot, argocdRoot)
    .filter(({ file }) => file.endsWith(".yaml"))
    .map(reviewed);
}

/**
 * The objects of two renders that can differ: a file with the same text on
 * both sides is left out unparsed, since it holds no change to review.
 */
export function differingObjects(
  base: readonly ScopedFile[],
  head: readonly ScopedFile[],
): { base: ReviewedObject[]; head: ReviewedObject[] } {
  const id = (file: ScopedFile) => `${file.scope}/${file.file}`;
  const before = new Map(base.map((file) => [id(file), file.content]));
  const after = new Map(head.map((file) => [id(file), file.content]));
  const differs = (others: ReadonlyMap<string, string>) => (file: ScopedFile) =>
    file.file.endsWith(".yaml") && others.get(id(file)) !== file.content;
  return { base: base.filter(differs(after)).map(reviewed), head: head.filter(differs(before)).map(reviewed) };
}
