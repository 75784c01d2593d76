/**
 * Where a render's time goes: runs a command under `node --cpu-prof` and
 * sums the samples into a few categories (startup, validation, cdk8s, YAML,
 * file I/O, ...). esbuild bundles name each module in a `// <path>` comment,
 * which maps a sample's line back to its package.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileSummary {
  readonly totalMs: number;
  /** Milliseconds per category, largest first. */
  readonly categories: readonly { readonly name: string; readonly ms: number }[];
}

const FILE_IO = new Set([
  "readFileUtf8",
  "writeFileUtf8",
  "writeString",
  "writeBuffer",
  "readFileSync",
  "lstat",
  "stat",
  "open",
  "close",
  "read",
  "unlink",
  "rename",
  "mkdir",
  "rmdir",
  "readdir",
  "realpath",
]);

/**
 * A bundle marker's path as a module name: from the first node_modules/ on
 * (a symlinked node_modules shows as ../../.., a package's own copy of a
 * library counts as that package), else the path below the project.
 */
function moduleName(path: string): string {
  const packages = path.indexOf("node_modules/");
  return packages >= 0 ? path.slice(packages) : path.replace(/^(\.\.\/)+/, "");
}

/** Module of every line of an esbuild bundle, from its `// path` markers. */
function bundleModules(bundle: string): (line: number) => string {
  const starts: { line: number; module: string }[] = [];
  readFileSync(bundle, "utf8")
    .split("\n")
    .forEach((text, line) => {
      const marker = /^\/\/ (\S+\/\S+\.(?:[cm]?[jt]s|json))$/.exec(text);
      if (marker?.[1] !== undefined) starts.push({ line, module: moduleName(marker[1]) });
    });
  return (line) => {
    let found = "";
    for (const start of starts) {
      if (start.line > line) break;
      found = start.module;
    }
    return found;
  };
}

const LOADING = "startup: Node, reading, compiling and initializing code";

/** The category of a module path, or undefined to look further up the stack. */
function categoryOf(module: string): string | undefined {
  if (module.startsWith("bin/load-bundle") || module.startsWith("bin/render-worker")) return LOADING;
  if (module.startsWith("node_modules/yaml/") || module.startsWith("src/render/yaml")) return "YAML serialisation";
  if (module.startsWith("node_modules/zod/")) return "validation (zod)";
  if (/^node_modules\/(cdk8s|cdk8s-plus-28|constructs)\//.test(module) || module.startsWith("imports/")) {
    return "cdk8s synthesis (toJson, tokens, constructs)";
  }
  if (module.startsWith("src/fast/") || module.startsWith("bin/")) return "cache look-up (hashing, reading entries)";
  if (module.startsWith("src/")) return "our charts, constructs and render code";
  if (module.startsWith("node_modules/")) return "other libraries";
  return undefined;
}

/** A frame of our own code doing work, not loading modules (esbuild names module initializers init_*, require_*). */
const isCommandFrame = (frame: CallFrame, module: string) =>
  /^(src|scripts|bin)\//.test(module) && frame.functionName !== "" && !/^(init|require)_/.test(frame.functionName);

/**
 * A module's top-level code running: in a bundle, esbuild's wrapper is
 * named after the module's path; unbundled, it is the anonymous function at
 * line 0. Its samples are loading, not the command's work.
 */
const isModuleBody = (frame: CallFrame) =>
  /\.(?:[cm]?[jt]s|json)$/.test(frame.functionName) || (frame.functionName === "" && frame.lineNumber === 0);

/**
 * Summarizes a profile: a sample counts for the innermost frame that has a
 * category; samples where a module's top-level code runs inside the
 * innermost of our functions, or none of our functions is on the stack, are
 * startup (Node booting, reading, compiling and initializing modules).
 */
export function summarize(profile: CpuProfile, moduleOf: (frame: CallFrame) => string): ProfileSummary {
  const parent = new Map<number, ProfileNode>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const totals = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    totalMs += ms;
    const stack: ProfileNode[] = [];
    for (let node = byId.get(id); node !== undefined; node = parent.get(node.id)) stack.push(node);
    const leaf = stack[0]?.callFrame.functionName ?? "";
    // Innermost first: module code running inside a command (a lazy require) is still loading.
    const owner = stack.find(
      (node) => isModuleBody(node.callFrame) || isCommandFrame(node.callFrame, moduleOf(node.callFrame)),
    );
    const inCommand = owner !== undefined && !isModuleBody(owner.callFrame);
    let name: string | undefined;
    if (leaf === "(idle)") name = "idle (waiting for child processes or disk)";
    else if (leaf === "(garbage collector)") name = "garbage collection";
    else if (!inCommand) name = LOADING;
    else if (FILE_IO.has(leaf) && stack[0]?.callFrame.url === "") name = "file I/O";
    else {
      for (const node of stack) {
        name = categoryOf(moduleOf(node.callFrame));
        if (name !== undefined) break;
      }
    }
    const key = name ?? "Node internals";
    totals.set(key, (totals.get(key) ?? 0) + ms);
  });
  const categories = [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
  return { totalMs, categories };
}

/**
 * Runs `node <args>` once under the CPU profiler (sampling every 100 µs:
 * 1 ms would miss short phases) and sums every thread's profile (render
 * workers write their own). `bundles` are the esbuild outputs the samples
 * point into; other paths are taken relative to `cwd`.
 */
export function profileRun(
  args: readonly string[],
  options: { cwd: string; bundles: readonly string[]; env?: Readonly<Record<string, string>> },
): ProfileSummary {
  const dir = mkdtempSync(join(tmpdir(), "candlefish-prof-"));
  try {
    const run = spawnSync(
      process.execPath,
      ["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-interval", "100", ...args],
      { cwd: options.cwd, encoding: "utf8", env: { ...process.env, ...options.env } },
    );
    if (run.status !== 0) throw new Error(`profiling node ${args.join(" ")} failed: ${run.stderr}`);
    const lineModules = new Map(options.bundles.map((bundle) => [bundle, bundleModules(bundle)]));
    const moduleOf = (frame: CallFrame) => {
      const path = frame.url.replace(/^file:\/\//, "");
      const inBundle = lineModules.get(path);
      if (inBundle !== undefined) return inBundle(frame.lineNumber);
      return path.startsWith(`${options.cwd}/`) ? path.slice(options.cwd.length + 1) : "";
    };
    const summaries = readdirSync(dir)
      .filter((name) => name.endsWith(".cpuprofile"))
      .map((name) => summarize(JSON.parse(readFileSync(join(dir, name), "utf8")) as CpuProfile, moduleOf));
    if (summaries.length === 0) throw new Error("node wrote no CPU profile");
    return merge(summaries);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Adds up several threads' summaries. */
export function merge(summaries: readonly ProfileSummary[]): ProfileSummary {
  const totals = new Map<string, number>();
  for (const { categories } of summaries) {
    for (const { name, ms } of categories) totals.set(name, (totals.get(name) ?? 0) + ms);
  }
  return {
    totalMs: summaries.reduce((sum, { totalMs }) => sum + totalMs, 0),
    categories: [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms),
  };
}
