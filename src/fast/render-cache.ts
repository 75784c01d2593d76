import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RenderedFile } from "../render/manifests";
import type { RenderPlan } from "../render/plan";

/** Renders kept: a few branches' worth of base and head renders for diff. */
const KEPT = 24;

interface StoredFile {
  readonly name: string;
  readonly content: string;
}

interface Entry {
  readonly envs: [string, StoredFile[]][];
  readonly argocd?: StoredFile[];
}

/** The objects files were written from, by "<env or argocd>/<file name>". */
type Objects = Record<string, unknown>;

const isFiles = (value: unknown): value is StoredFile[] =>
  Array.isArray(value) &&
  value.every(
    (file) =>
      typeof file === "object" &&
      file !== null &&
      typeof (file as StoredFile).name === "string" &&
      typeof (file as StoredFile).content === "string",
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

const stored = (files: readonly RenderedFile[]) => files.map(({ name, content }) => ({ name, content }));

/** Entries this process has read: an entry never changes under its key, and set-image then diff read it twice. */
const read = new Map<string, RenderPlan>();

/**
 * Complete renders (every env and argocd/) by render key: the files, one
 * JSON file each, and beside it the objects they were written from (only a
 * review reads those, so a cached synth does not). Only ever a copy of what
 * the renderer produced for exactly these inputs (the key covers code, env
 * JSON and layout), so a hit is the render; an unreadable entry is a miss.
 */
export class RenderCache {
  private readonly dir: string;

  constructor(cacheDir: string) {
    this.dir = join(cacheDir, "renders");
  }

  /** The render stored under `key`; with `objects`, its files carry the objects they were written from, where kept. */
  get(key: string, options: { readonly objects?: boolean } = {}): RenderPlan | undefined {
    const path = `${this.path(key)}${options.objects ? "+objects" : ""}`;
    const known = read.get(path);
    if (known !== undefined) return known;
    let entry: unknown;
    try {
      entry = JSON.parse(readFileSync(this.path(key), "utf8"));
    } catch {
      return undefined;
    }
    if (!isEntry(entry)) return undefined;
    const objects = options.objects ? this.objects(key) : {};
    const withObjects = (unit: string, files: readonly StoredFile[]): RenderedFile[] =>
      files.map((file) => ({ ...file, object: objects[`${unit}/${file.name}`] }));
    const plan = {
      envs: new Map(entry.envs.map(([env, files]) => [env, withObjects(env, files)])),
      ...(entry.argocd === undefined ? {} : { argocd: withObjects("argocd", entry.argocd) }),
    };
    read.set(path, plan);
    return plan;
  }

  /** Stores a complete render (each file written aside and renamed: readers never see half an entry). */
  put(key: string, plan: RenderPlan): void {
    const entry: Entry = {
      envs: [...plan.envs].map(([env, files]) => [env, stored(files)]),
      ...(plan.argocd === undefined ? {} : { argocd: stored(plan.argocd) }),
    };
    const objects: Objects = {};
    const units: [string, readonly RenderedFile[]][] = [...plan.envs, ["argocd", plan.argocd ?? []]];
    for (const [unit, files] of units) {
      for (const file of files) if (file.object !== undefined) objects[`${unit}/${file.name}`] = file.object;
    }
    mkdirSync(this.dir, { recursive: true });
    // The objects first: an entry without them still works (the review parses the YAML), never the reverse.
    this.write(`${this.path(key)}.objects`, objects);
    this.write(this.path(key), entry);
    this.prune();
  }

  private objects(key: string): Objects {
    try {
      const objects: unknown = JSON.parse(readFileSync(`${this.path(key)}.objects`, "utf8"));
      return typeof objects === "object" && objects !== null ? (objects as Objects) : {};
    } catch {
      return {};
    }
  }

  private write(path: string, value: unknown): void {
    const temporary = `${path}.${process.pid}`;
    writeFileSync(temporary, JSON.stringify(value));
    renameSync(temporary, path);
  }

  private path(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  private prune(): void {
    const entries = readdirSync(this.dir)
      .filter((name) => name.endsWith(".json"))
      .map((name) => ({ path: join(this.dir, name), at: statSync(join(this.dir, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { path } of entries.slice(KEPT)) {
      rmSync(path, { force: true });
      rmSync(`${path}.objects`, { force: true });
    }
  }
}
