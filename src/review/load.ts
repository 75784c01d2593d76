import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import type { ReviewedObject } from "./compare";

interface Parsed {
  kind?: string;
  metadata?: { name?: string };
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".yaml"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Every rendered object below `<root>/dist/<env>/` and `<root>/argocd/`. */
export function loadRender(distRoot: string, argocdRoot: string): ReviewedObject[] {
  const scopes = existsSync(distRoot)
    ? readdirSync(distRoot, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith("."))
    : [];
  const sources = [
    ...scopes.map((entry) => ({ scope: entry.name, dir: join(distRoot, entry.name) })),
    { scope: "argocd", dir: argocdRoot },
  ];
  return sources.flatMap(({ scope, dir }) =>
    yamlFiles(dir).map((path) => {
      const body = parse(readFileSync(path, "utf8")) as Parsed & Record<string, unknown>;
      return { scope, file: relative(dir, path), kind: body.kind ?? "?", name: body.metadata?.name ?? "?", body };
    }),
  );
}
