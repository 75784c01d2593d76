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

/** Module of every line of an esbuild bundle, from its `// path` markers. */
function bundleModules(bundle: string): (line: number) => string {
  const starts: { line: number; module: string }[] = [];
  readFileSync(bundle, "utf8")
    .split("\n")
    .forEach((text, line) => {
      const marker = /^\/\/ ((?:node_modules|src|imports|scripts)\/\S+)$/.exec(text);
      if (marker?.[1] !== undefined) starts.push({ line, module: marker[1] });
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

/** The category of a module path, or undefined to look further up the stack. */
function categoryOf(module: string): string | undefined {
  if (module.includes("node_modules/yaml/") || module.startsWith("src/render/yaml")) return "YAML serialisation";
  if (module.includes("node_modules/zod/")) return "validation (zod)";
  if (/node_modules\/(cdk8s|cdk8s-plus-28|constructs)\//.test(module) || module.startsWith("imports/")) {
    return "cdk8s synthesis (toJson, tokens, constructs)";
  }
  if (module.startsWith("src/fast/") || module.startsWith("bin/")) return "cache look-up (hashing, reading entries)";
  if (module.startsWith("src/")) return "our charts, constructs and render code";
  if (module.includes("node_modules/")) return "other libraries";
  return undefined;
}

/** A frame of our own code doing work, not loading modules (esbuild names module initializers init_*, require_*). */
const isCommandFrame = (frame: CallFrame, module: string) =>
  /^(src|scripts|bin)\//.test(module) && frame.functionName !== "" && !/^(init|require)_/.test(frame.functionName);

/**
 * Summarizes a profile: a sample counts for the innermost frame that has a
 * category; samples with none of our functions on the stack are startup
 * (Node booting, reading, compiling and initializing modules).
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
    const inCommand = stack.some((node) => isCommandFrame(node.callFrame, moduleOf(node.callFrame)));
    let name: string | undefined;
    if (leaf === "(idle)") name = "idle (waiting for child processes or disk)";
    else if (leaf === "(garbage collector)") name = "garbage collection";
    else if (!inCommand) name = "startup: Node, reading and compiling the code";
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
 * Runs `node <args>` once under the CPU profiler (1 ms sampling would miss
 * short phases: 100 µs) and summarizes it; `bundle` is the esbuild output the
 * samples point into, `root` the folder relative paths are taken from.
 */
export function profileRun(args: readonly string[], options: { cwd: string; bundle?: string }): ProfileSummary {
  const dir = mkdtempSync(join(tmpdir(), "candlefish-prof-"));
  try {
    const run = spawnSync(
      process.execPath,
      ["--cpu-prof", "--cpu-prof-dir", dir, "--cpu-prof-interval", "100", ...args],
      {
        cwd: options.cwd,
        encoding: "utf8",
      },
    );
    if (run.status !== 0) throw new Error(`profiling node ${args.join(" ")} failed: ${run.stderr}`);
    const [file] = readdirSync(dir).filter((name) => name.endsWith(".cpuprofile"));
    if (file === undefined) throw new Error("node wrote no CPU profile");
    const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
    const bundle = options.bundle;
    const lineModule = bundle === undefined ? undefined : bundleModules(bundle);
    const prefix = `file://${options.cwd}/`;
    return summarize(profile, (frame) => {
      if (lineModule !== undefined && bundle !== undefined && frame.url.endsWith(bundle)) {
        return lineModule(frame.lineNumber);
      }
      if (frame.url.startsWith(prefix)) return frame.url.slice(prefix.length);
      if (frame.url.startsWith(options.cwd)) return frame.url.slice(options.cwd.length + 1);
      return "";
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
