/**
 * Measures a full render of every env through each documented path and
 * prints the median of RUNS runs (plus min and max), wall clock per process.
 * Usage: npm run bench [-- <runs>]   (default 7)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const runs = Number(process.argv[2] ?? 7);
const out = join(mkdtempSync(join(tmpdir(), "candlefish-bench-")), "dist");
const synth = ["synth", "--out", out];

const paths: { name: string; command: string; args: string[] }[] = [
  { name: "node -e 0 (process start, for scale)", command: "node", args: ["-e", "0"] },
  { name: "precompiled: node build/src/main.js", command: "node", args: ["build/src/main.js", ...synth] },
  { name: "tsx src/main.ts (npm run synth)", command: "node_modules/.bin/tsx", args: ["src/main.ts", ...synth] },
  {
    name: "ts-node --transpile-only",
    command: "node_modules/.bin/ts-node",
    args: ["--transpile-only", "src/main.ts", ...synth],
  },
  { name: "ts-node (type-checks)", command: "node_modules/.bin/ts-node", args: ["src/main.ts", ...synth] },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
console.log(`render of all envs, ${runs} runs each, seconds (median / min / max):`);
for (const path of paths) {
  const seconds: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    const result = spawnSync(path.command, path.args, { stdio: "ignore" });
    seconds.push((performance.now() - start) / 1000);
    if (result.status !== 0) throw new Error(`${path.name} exited ${result.status}`);
  }
  const fmt = (s: number) => s.toFixed(3);
  console.log(
    `  ${path.name.padEnd(40)} ${fmt(median(seconds))} / ${fmt(Math.min(...seconds))} / ${fmt(Math.max(...seconds))}`,
  );
}
