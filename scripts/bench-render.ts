/**
 * The render benchmark: medians of RUNS runs (default 5) of every documented
 * render path, the same charts through cdk8s-cli, `kustomize build` over the
 * rendered files (the static-YAML floor), and N workloads × M envs scaling
 * with peak memory. Writes docs/benchmarks.md.
 * Usage: npm run bench [-- <runs>]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";

const runs = Math.max(5, Number(process.argv[2] ?? 5));
const root = resolve(__dirname, "..");
const scratch = mkdtempSync(join(tmpdir(), "candlefish-bench-"));
const out = (name: string) => ["--out", join(scratch, name, "dist"), "--argocd-out", join(scratch, name, "argocd")];
const KUSTOMIZE = "sigs.k8s.io/kustomize/kustomize/v5@v5.7.1";

interface Sample {
  seconds: number;
  peakKb: number;
}

/** One run under /usr/bin/time: wall seconds and peak resident memory. */
function measure(command: string, args: readonly string[], cwd = root): Sample {
  const run = spawnSync("/usr/bin/time", ["-f", "%e %M", command, ...args], { cwd, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${run.stderr}`);
  const [seconds = "0", peakKb = "0"] = (run.stderr.trim().split("\n").at(-1) ?? "").split(" ");
  return { seconds: Number(seconds), peakKb: Number(peakKb) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function bench(command: string, args: readonly string[], cwd = root): { seconds: number; peakMb: number } {
  const samples = Array.from({ length: runs }, () => measure(command, args, cwd));
  return {
    seconds: median(samples.map((s) => s.seconds)),
    peakMb: Math.round(median(samples.map((s) => s.peakKb)) / 1024),
  };
}

console.log(`building (tsc, esbuild bundles), ${runs} runs per row…`);
execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
execFileSync(
  join(root, "node_modules/.bin/esbuild"),
  [
    "scripts/bench-scale.ts",
    "--bundle",
    "--platform=node",
    "--target=node20",
    `--outfile=${join(scratch, "scale.cjs")}`,
    "--log-level=warning",
  ],
  { cwd: root },
);

const floor = bench("node", ["-e", "0"]);
const paths: [string, string, string[]][] = [
  ["bundled: node build/candlefish.cjs (fastest)", "node", ["build/candlefish.cjs", "synth", ...out("bundled")]],
  ["precompiled: node build/src/main.js", "node", ["build/src/main.js", "synth", ...out("precompiled")]],
  ["tsx src/main.ts (npm run synth)", "node_modules/.bin/tsx", ["src/main.ts", "synth", ...out("tsx")]],
  [
    "ts-node --transpile-only",
    "node_modules/.bin/ts-node",
    ["--transpile-only", "src/main.ts", "synth", ...out("tsnt")],
  ],
  ["ts-node (type-checks)", "node_modules/.bin/ts-node", ["src/main.ts", "synth", ...out("tsn")]],
  [
    "cdk8s-cli: cdk8s synth (same charts, precompiled app)",
    "node_modules/.bin/cdk8s",
    ["synth", "--no-check-upgrade", "--app", "node build/src/cdk8s-app.js", "-o", join(scratch, "cdk8s")],
  ],
];
const rows = paths.map(([name, command, args]) => ({ name, ...bench(command, args) }));

// kustomize over the rendered files: the cost of merely reading and printing the same YAML.
const tools = execFileSync("bash", ["scripts/tools.sh"], { cwd: root, encoding: "utf8" }).trim();
const kustomize = join(tools, "bin", "kustomize");
if (!existsSync(kustomize)) {
  execFileSync("go", ["install", KUSTOMIZE], { env: { ...process.env, GOBIN: join(tools, "bin") }, stdio: "inherit" });
}
const kustomization = join(scratch, "bundled");
const resources = ["staging", "production"].flatMap((env) =>
  readdirSync(join(kustomization, "dist", env))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => `dist/${env}/${f}`),
);
writeFileSync(
  join(kustomization, "kustomization.yaml"),
  `resources:\n${resources.map((r) => `  - ${r}`).join("\n")}\n`,
);
rows.push({
  name: `kustomize build over the ${resources.length} rendered files (v5.7.1)`,
  ...bench(kustomize, ["build", kustomization]),
});

const scaling = [1, 10, 50].flatMap((n) =>
  [2, 4].map((m) => ({ n, m, ...bench("node", [join(scratch, "scale.cjs"), String(n), String(m)]) })),
);

const fastest = rows[0]?.seconds ?? 0;
const cdk8s = rows.find((row) => row.name.startsWith("cdk8s-cli"))?.seconds ?? 0;
const table = [
  "| path | median s | × node floor | peak MB |",
  "| --- | --- | --- | --- |",
  `| node -e 0 (floor) | ${floor.seconds.toFixed(2)} | 1.0 | ${floor.peakMb} |`,
  ...rows.map(
    (row) =>
      `| ${row.name} | ${row.seconds.toFixed(2)} | ${(row.seconds / floor.seconds).toFixed(1)} | ${row.peakMb} |`,
  ),
];
const scaleTable = [
  "| workloads × envs | median s | s per workload-env | peak MB |",
  "| --- | --- | --- | --- |",
  ...scaling.map(
    (s) => `| ${s.n} × ${s.m} | ${s.seconds.toFixed(2)} | ${(s.seconds / (s.n * s.m)).toFixed(3)} | ${s.peakMb} |`,
  ),
];
const cpu = cpus()[0]?.model ?? "unknown CPU";
const report = `# Benchmarks

Measured by \`npm run bench\` (scripts/bench-render.ts): each row is the median of ${runs} runs of a whole
process under \`/usr/bin/time\` (wall seconds, peak resident memory). Machine: ${cpus().length} × ${cpu},
${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Re-run the script to refresh this page.

## Render of every env (dist/ and argocd/)

${table.join("\n")}

Fastest path vs cdk8s-cli: ${(cdk8s / fastest).toFixed(1)}× faster. Fastest path vs the \`node -e 0\` floor:
${(fastest / floor.seconds).toFixed(1)}×.

## Scaling: generated configs, N workloads in each of M envs

${scaleTable.join("\n")}
`;
mkdirSync(join(root, "docs"), { recursive: true });
writeFileSync(join(root, "docs/benchmarks.md"), report);
console.log(report);
