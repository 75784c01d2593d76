import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/fixtures";

interface Cruised {
  modules: { source: string; dependencies: { resolved: string }[] }[];
}

/** The import graph of src/ as dependency-cruiser resolves it (type-only imports included). */
function importGraph(): Cruised {
  const cli = join(REPO_ROOT, "node_modules", ".bin", "depcruise");
  const json = execFileSync(cli, ["src", "--config", ".dependency-cruiser.cjs", "--output-type", "json"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(json) as Cruised;
}

const folders = readdirSync(join(REPO_ROOT, "src"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** "May import: src/env, src/slo." → ["env", "slo"]. */
function declaredImports(folder: string): string[] {
  const readme = readFileSync(join(REPO_ROOT, "src", folder, "README.md"), "utf8");
  const line = readme.split("\n").find((text) => text.startsWith("May import:")) ?? "";
  return [...line.matchAll(/src\/([a-z-]+)/g)].map((match) => match[1] as string);
}

describe("the layers of src/ (docs/architecture.md)", () => {
  const graph = importGraph();
  const actual = new Map<string, Set<string>>();
  for (const module of graph.modules.filter((m) => m.source.startsWith("src/"))) {
    const from = module.source.split("/")[1] as string;
    for (const { resolved } of module.dependencies.filter((d) => d.resolved.startsWith("src/"))) {
      const to = resolved.split("/")[1] as string;
      if (to !== from && folders.includes(to)) actual.set(from, (actual.get(from) ?? new Set()).add(to));
    }
  }

  it.each(folders)("src/%s opens with a README saying what it holds and what it may import", (folder) => {
    expect(existsSync(join(REPO_ROOT, "src", folder, "README.md"))).toBe(true);
    expect(readFileSync(join(REPO_ROOT, "src", folder, "README.md"), "utf8")).toMatch(/^\S.*\n\nMay import: /);
  });

  it.each(folders)("src/%s imports only the folders its README allows", (folder) => {
    const allowed = declaredImports(folder);
    expect([...(actual.get(folder) ?? [])].filter((to) => !allowed.includes(to)).sort()).toEqual([]);
  });

  it("has no folder-level cycle: the allowed imports form a hierarchy", () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycles: string[] = [];
    const visit = (folder: string, path: string[]) => {
      if (done.has(folder)) return;
      if (visiting.has(folder)) {
        cycles.push([...path, folder].join(" -> "));
        return;
      }
      visiting.add(folder);
      for (const to of actual.get(folder) ?? []) visit(to, [...path, folder]);
      visiting.delete(folder);
      done.add(folder);
    };
    for (const folder of folders) visit(folder, []);
    expect(cycles).toEqual([]);
  });
});
