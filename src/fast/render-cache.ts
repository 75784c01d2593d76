import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RenderedFile } from "../render/manifests";
import type { RenderPlan } from "../render/plan";

/** Renders kept: a few branches' worth of base and head renders for diff. */
const KEPT = 24;

interface Entry {
  readonly envs: [string, RenderedFile[]][];
  readonly argocd?: RenderedFile[];
}

const isFiles = (value: unknown): value is RenderedFile[] =>
  Array.isArray(value) &&
  value.every(
    (file) =>
      typeof file === "object" &&
      file !== null &&
      typeof (file as RenderedFile).name === "string" &&
      typeof (file as RenderedFile).content === "string",
  );

function isEntry(value: unknown): value is Entry {
  if (typeof value !== "object" || value === null) return false;
  const { envs, argocd } = value as Partial<Entry>;
  return (
    Array.isArray(envs) &&
    envs.every((env) => Array.isArray(env) && typeof env[0] === "string" && isFiles(env[1])) &&
    (argocd === undefined || isFiles(argocd))
  );
}

/** Entries this process has read: an entry never changes under its key, and set-image then diff read it twice. */
const read = new Map<string, RenderPlan>();

/**
 * Complete renders (every env and argocd/) by render key, one JSON file
 * each. Only ever a copy of what the renderer produced for exactly these
 * inputs (the key covers code, env JSON and layout), so a hit is the render;
 * an unreadable entry is a miss.
 */
export class RenderCache {
  private readonly dir: string;

  constructor(cacheDir: string) {
    this.dir = join(cacheDir, "renders");
  }

  get(key: string): RenderPlan | undefined {
    const path = this.path(key);
    const known = read.get(path);
    if (known !== undefined) return known;
    let entry: unknown;
    try {
      entry = JSON.parse(readFileSync(path, "utf8"));
    } catch {
      return undefined;
    }
    if (!isEntry(entry)) return undefined;
    const plan = { envs: new Map(entry.envs), ...(entry.argocd === undefined ? {} : { argocd: entry.argocd }) };
    read.set(path, plan);
    return plan;
  }

  /** Stores a complete render (written aside and renamed: readers never see half an entry). */
  put(key: string, plan: RenderPlan): void {
    const entry: Entry = {
      envs: [...plan.envs].map(([env, files]) => [env, [...files]]),
      ...(plan.argocd === undefined ? {} : { argocd: [...plan.argocd] }),
    };
    mkdirSync(this.dir, { recursive: true });
    const temporary = `${this.path(key)}.${process.pid}`;
    writeFileSync(temporary, JSON.stringify(entry));
    renameSync(temporary, this.path(key));
    this.prune();
  }

  private path(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  private prune(): void {
    const entries = readdirSync(this.dir)
      .filter((name) => name.endsWith(".json"))
      .map((name) => ({ path: join(this.dir, name), at: statSync(join(this.dir, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { path } of entries.slice(KEPT)) rmSync(path, { force: true });
  }
}
