/**
 * npm test: every stage in order, stopping at the first failure, then each
 * stage's duration, so a slow stage is visible in CI logs.
 * Usage: npm test [-- <stage> ...]  (default: all stages)
 */
import { spawnSync } from "node:child_process";

/** The npm scripts `npm test` runs, in order (each one's own output streams through). */
const STAGES: readonly (readonly [string, ...string[]])[] = [
  ["lint"],
  ["lint:imports"],
  ["typecheck"],
  ["synth", "--", "--check"],
  ["validate"],
  ["policy"],
  ["test:unit"],
  ["test:integration"],
  ["test:infra"],
  ["rehearse"],
];

const wanted = process.argv.slice(2);
const stages = wanted.length === 0 ? STAGES : STAGES.filter(([name]) => wanted.includes(name));
const timings: { name: string; seconds: number; ok: boolean }[] = [];
let failed = false;
for (const [script, ...args] of stages) {
  const name = [script, ...args.filter((arg) => arg !== "--")].join(" ");
  console.log(`\n▶ npm run ${name}`);
  const started = performance.now();
  const run = spawnSync("npm", ["run", "--silent", script, ...args], { stdio: "inherit" });
  const ok = run.status === 0;
  timings.push({ name, seconds: (performance.now() - started) / 1000, ok });
  if (!ok) {
    failed = true;
    break;
  }
}

const width = Math.max(...timings.map(({ name }) => name.length));
console.log("\nstage durations:");
for (const { name, seconds, ok } of timings) {
  console.log(`  ${name.padEnd(width)}  ${seconds.toFixed(1).padStart(7)} s${ok ? "" : "  FAILED"}`);
}
const total = timings.reduce((sum, { seconds }) => sum + seconds, 0);
console.log(`  ${"total".padEnd(width)}  ${total.toFixed(1).padStart(7)} s`);
const skipped = stages.slice(timings.length).map(([name]) => name);
if (skipped.length > 0) console.log(`  not run after the failure: ${skipped.join(", ")}`);
process.exitCode = failed ? 1 : 0;
