import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createTwoFilesPatch } from "diff";

/** Keys sorted at every level, two-space indent, trailing newline: a stable, reviewable file. */
export function stableJson(value: unknown): string {
  const sort = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(sort);
    if (typeof node !== "object" || node === null) return node;
    return Object.fromEntries(
      Object.entries(node)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, child]) => [key, sort(child)]),
    );
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

export function outputsPath(dir: string, env: string): string {
  return join(dir, `${env}.json`);
}

export function readOutputs(path: string): string {
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}

/** Write beside, then rename: a reader sees the old file or the new one, never half of either. */
export function writeFileAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

export function outputsDiff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(path, path, before, after, "committed", "resolved");
}
