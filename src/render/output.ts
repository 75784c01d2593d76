import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { RenderedFile } from "./manifests";

/** A folder replaced as a whole: its files (names may hold `/` for subfolders) and nothing else. */
export interface OutputUnit {
  readonly dir: string;
  readonly files: readonly RenderedFile[];
}

/** Sub-folders of `root`; dot-folders (staging leftovers) are not outputs. */
export function childDirs(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => join(root, entry.name));
}

export interface Drift {
  readonly path: string;
  readonly change: "missing" | "stale" | "changed";
}

/** Every file below `dir`, as sorted paths relative to it; none when `dir` does not exist. */
export function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Compares units and stale folders with what is on disk, writing nothing; paths relative to `displayRoot`. */
export function checkUnits(units: readonly OutputUnit[], staleDirs: readonly string[], displayRoot: string): Drift[] {
  const drift: Drift[] = [];
  const show = (path: string) => relative(displayRoot, path);
  for (const unit of units) {
    const rendered = new Map(unit.files.map((file) => [file.name, file.content]));
    for (const [name, content] of rendered) {
      const path = join(unit.dir, name);
      if (!existsSync(path)) drift.push({ path: show(path), change: "missing" });
      else if (readFileSync(path, "utf8") !== content) drift.push({ path: show(path), change: "changed" });
    }
    for (const name of filesBelow(unit.dir)) {
      if (!rendered.has(name)) drift.push({ path: show(join(unit.dir, name)), change: "stale" });
    }
  }
  for (const dir of staleDirs) {
    for (const name of filesBelow(dir)) drift.push({ path: show(join(dir, name)), change: "stale" });
  }
  return drift;
}
