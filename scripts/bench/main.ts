/**
 * npm run bench [-- <runs>]: the commands users type, timed as whole
 * processes (medians of <runs>, default 5, rows interleaved), next to the
 * `node -e 0` and npm floors measured in the same run; what a run costs when
 * it must render or build; the code before this work (BASELINE, unpacked from
 * Git) and what users would pick instead (cdk8s synth as `cdk8s init
 * typescript-app` sets it up, helm template, kubectl kustomize); the scaling
 * curve; and CPU profiles of before and after. Writes docs/benchmarks.md.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { codeFileIds, keyOf } from "../../bin/fingerprint.cjs";
import { baselineCheckout, baselineScaleProbe, helmChart, kustomization, releaseCheckout } from "./fixtures";
import { load, measureRows, type Row, type Run } from "./measure";
import { type ProfileSummary, profileRun } from "./profile";
import { type BenchReport, markdown } from "./report";

/** The commit before this work: the "before" of every comparison. */
const BASELINE = "981e9dd";
const DIGEST = (round: number) => `sha256:${round.toString(16).padStart(2, "0").repeat(32)}`;

const runs = Math.max(3, Number(process.argv[2] ?? 5));
const root = resolve(__dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "candlefish-bench-"));
const say = (line: string) => console.log(`bench: ${line}`);
const node = (cwd: string, args: readonly string[], env?: Record<string, string>): Run => ({
  command: process.execPath,
  args,
  cwd,
  env,
});
const npm = (cwd: string, args: readonly string[], env?: Record<string, string>): Run => ({
  command: "npm",
  args: ["run", "-s", ...args],
  cwd,
  env,
});
const esbuild = (entry: string, outfile: string, cwd: string) =>
  execFileSync(
    join(root, "node_modules/.bin/esbuild"),
    [entry, "--bundle", "--platform=node", "--target=node20", `--outfile=${outfile}`, "--log-level=warning"],
    { cwd },
  );
const run = (command: string, args: readonly string[], cwd: string, env: Record<string, string> = {}) =>
  execFileSync(command, args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });

const loadAtStart = load();
say(`load ${loadAtStart.toFixed(2)}; preparing in ${scratch}`);

// The fast path as users meet it: this checkout's caches, warm (one synth --check builds what is missing).
run(process.execPath, ["bin/candlefish.cjs", "synth", "--check"], root);
const cacheDir = join(root, ".cache", "candlefish");
const buildDir = join(cacheDir, "builds", keyOf("code", codeFileIds(root)));
const heavyBundle = join(buildDir, "heavy.cjs");
const renderWorker = join(root, "bin", "render-worker.cjs");
const shared = { CANDLEFISH_CACHE: cacheDir };
const out = join(scratch, "out");
const outArgs = ["--out", join(out, "dist"), "--argocd-out", join(out, "argocd")];

// Before: the baseline's sources, its npm run synth (tsx), its bundle, its scale probe.
const baseline = baselineCheckout(root, BASELINE, join(scratch, "baseline"));
const baselineBundle = join(scratch, "baseline.cjs");
const baselineScale = join(scratch, "baseline-scale.cjs");
esbuild("src/main.ts", baselineBundle, baseline);
esbuild(baselineScaleProbe(root, baseline), baselineScale, baseline);
const baseOut = ["--out", join(scratch, "base-out", "dist"), "--argocd-out", join(scratch, "base-out", "argocd")];

// The release commands run in Git copies of this checkout (they change files and read history).
const repo = (name: string) => releaseCheckout(root, join(scratch, name));
const [sameTag, newTag, samePromote, newPromote, diffRepo] = ["set-a", "set-b", "promote-a", "promote-b", "diff"].map(
  repo,
) as [string, string, string, string, string];
for (const checkout of [samePromote, newPromote]) {
  // Staging runs a pinned image, committed two days ago: promote may copy it.
  run(
    process.execPath,
    ["bin/candlefish.cjs", "set-image", "--env", "staging", "--tag", "v2.0.0", "--digest", DIGEST(255)],
    checkout,
    shared,
  );
  const date = new Date(Date.now() - 48 * 3_600_000).toISOString();
  execFileSync("git", ["-c", "user.email=b@example.com", "-c", "user.name=b", "commit", "-qam", "pin"], {
    cwd: checkout,
    env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
}

// Alternatives: the same charts through cdk8s-cli and ts-node, the same output as a Helm chart and a kustomization.
run(process.execPath, ["bin/candlefish.cjs", "synth", ...outArgs], root);
const tools = run("bash", ["scripts/tools.sh"], root).trim();
const helm = join(tools, "bin", "helm");
const chart = helmChart(join(root, "dist"), join(scratch, "helm"));
const kustomizeFiles = kustomization(out);

const floors: Row[] = [
  { name: "`node -e 0`", run: () => node(root, ["-e", "0"]) },
  { name: "npm floor: `npm run bench:floor` (`node -e 0`)", run: () => npm(root, ["bench:floor"]) },
];
const fast: Row[] = [
  { name: "`npm run synth`", run: () => npm(root, ["synth", "--", ...outArgs]) },
  { name: "`npm run synth -- --check`", run: () => npm(root, ["synth", "--", "--check", ...outArgs]) },
  {
    name: "`npm run set-image` (the image it already runs)",
    run: () => npm(sameTag, ["set-image", "--", "--env", "staging", "--tag", "v9.0.0"], shared),
  },
  {
    name: "`npm run promote` (the digest it already runs)",
    run: () => npm(samePromote, ["promote", "--", "--from", "staging", "--to", "production"], shared),
  },
  { name: "`npm run diff -- --base HEAD`", run: () => npm(diffRepo, ["diff", "--", "--base", "HEAD"], shared) },
  {
    name: "process: `node bin/candlefish.cjs synth`",
    run: () => node(root, ["bin/candlefish.cjs", "synth", ...outArgs]),
  },
  { name: "process: `… synth --check`", run: () => node(root, ["bin/candlefish.cjs", "synth", "--check", ...outArgs]) },
  {
    name: "process: `… set-image` (same image)",
    run: () => node(sameTag, ["bin/candlefish.cjs", "set-image", "--env", "staging", "--tag", "v9.0.0"], shared),
  },
  {
    name: "process: `… promote` (same digest)",
    run: () => node(samePromote, ["bin/candlefish.cjs", "promote", "--from", "staging", "--to", "production"], shared),
  },
  {
    name: "process: `… diff --base HEAD`",
    run: () => node(diffRepo, ["bin/candlefish.cjs", "diff", "--base", "HEAD"], shared),
  },
];
const rendering: Row[] = [
  {
    // CANDLEFISH_RENDER=1 renders past the cache: the cost of a run after an env JSON edit.
    name: "`npm run synth` after an env JSON edit (renders, build reused)",
    run: () => npm(root, ["synth", "--", "--check", ...outArgs], { CANDLEFISH_RENDER: "1" }),
  },
  {
    name: "`npm run set-image` to a new tag (renders once, diff base cached)",
    run: (round) => npm(newTag, ["set-image", "--", "--env", "staging", "--tag", `v9.1.${round}`], shared),
  },
  {
    name: "`npm run promote` of a new digest (renders once)",
    setup: (round) => {
      const args = [
        "bin/candlefish.cjs",
        "set-image",
        "--env",
        "staging",
        "--tag",
        `v3.${round}`,
        "--digest",
        DIGEST(round),
      ];
      run(process.execPath, args, newPromote, shared);
    },
    run: () => npm(newPromote, ["promote", "--", "--from", "staging", "--to", "production", "--ignore-soak"], shared),
  },
  {
    name: "`npm run synth` after a source edit (esbuild builds, then renders)",
    setup: (round) => rmSync(join(scratch, `cold-${round}`), { recursive: true, force: true }),
    run: (round) =>
      npm(root, ["synth", "--", "--check", ...outArgs], { CANDLEFISH_CACHE: join(scratch, `cold-${round}`) }),
  },
];
const before: Row[] = [
  { name: `before (${BASELINE}): \`npm run synth\` (tsx)`, run: () => npm(baseline, ["synth", "--", ...baseOut]) },
  {
    name: `before: \`node <bundle> synth\` (the fastest path then)`,
    run: () => node(baseline, [baselineBundle, "synth", ...baseOut]),
  },
];
const alternatives: Row[] = [
  {
    name: "cdk8s-cli: `cdk8s synth`, app `npx ts-node` (as `cdk8s init typescript-app`), same charts",
    run: () => ({
      command: join(root, "node_modules/.bin/cdk8s"),
      args: ["synth", "--no-check-upgrade", "--app", "npx ts-node src/cdk8s-app.ts", "-o", join(scratch, "cdk8s")],
      cwd: root,
    }),
  },
  {
    name: `\`helm template\` of a chart of the same objects, both envs (${chart.values.length} calls)`,
    run: () => ({
      command: "sh",
      args: [
        "-c",
        chart.values
          .map((values) => `"${helm}" template candlefish "${chart.chart}" -f "${values}" >/dev/null`)
          .join(" && "),
      ],
      cwd: scratch,
    }),
  },
  {
    name: `\`kubectl kustomize\` over the ${kustomizeFiles} rendered files`,
    run: () => ({ command: "kubectl", args: ["kustomize", out], cwd: root }),
  },
];

const measure = (rows: Row[], what: string) => {
  say(`${what}: ${rows.length} rows × ${runs} runs`);
  return measureRows(rows, { runs, warmups: 1, progress: say });
};
const main = measure(
  [
    ...floors,
    ...fast,
    ...before,
    ...(existsSync(helm) ? alternatives : alternatives.filter((row) => !row.name.includes("helm"))),
  ],
  "commands",
);
const renders = measure(rendering, "renders and builds");

const SIZES: readonly [number, number][] = [
  [1, 2],
  [5, 2],
  [10, 2],
  [25, 2],
  [25, 4],
  [50, 4],
];
const probe = join(scratch, "scale-probe.cjs");
esbuild("scripts/bench/scale-probe.ts", probe, root);
// Each run writes a folder of its own, all removed at the end: on this disk (ext4, online discard) removing
// thousands of files slows the writes that follow, which would charge one row for another's clean-up.
let scaleRun = 0;
const scaleOut = () => {
  scaleRun += 1;
  return join(scratch, "scale", String(scaleRun));
};
const scaling = measure(
  [
    ...SIZES.map(([workloads, envs]) => ({
      name: `${workloads} × ${envs}`,
      run: () => node(root, [probe, String(workloads), String(envs), heavyBundle, renderWorker, scaleOut()]),
    })),
    { name: "before: 50 × 4", run: () => node(baseline, [baselineScale, "50", "4", scaleOut()]) },
  ],
  "scaling",
);

say("profiling (3 runs each, median per category)");
const profile = (args: () => readonly string[], options: Parameters<typeof profileRun>[1]): ProfileSummary => {
  const taken = Array.from({ length: 3 }, () => {
    return profileRun(args(), options);
  });
  const names = [...new Set(taken.flatMap((summary) => summary.categories.map((category) => category.name)))];
  const middle = (values: number[]) => [...values].sort((a, b) => a - b)[1] ?? 0;
  const categories = names
    .map((name) => ({ name, ms: middle(taken.map((s) => s.categories.find((c) => c.name === name)?.ms ?? 0)) }))
    .sort((a, b) => b.ms - a.ms);
  return { totalMs: middle(taken.map((summary) => summary.totalMs)), categories };
};
const bundles = [join(buildDir, "cli.cjs"), heavyBundle, probe];
const profiles = {
  synthBefore: profile(() => [baselineBundle, "synth", ...baseOut], { cwd: baseline, bundles: [baselineBundle] }),
  synthRender: profile(() => ["bin/candlefish.cjs", "synth", "--check", ...outArgs], {
    cwd: root,
    bundles,
    env: { ...shared, CANDLEFISH_RENDER: "1" },
  }),
  synthCached: profile(() => ["bin/candlefish.cjs", "synth", "--check", ...outArgs], {
    cwd: root,
    bundles,
    env: shared,
  }),
  scaleBefore: profile(() => [baselineScale, "50", "4", scaleOut()], { cwd: baseline, bundles: [baselineScale] }),
  scaleAfter: profile(() => [probe, "50", "4", heavyBundle, renderWorker, scaleOut()], { cwd: root, bundles }),
};

const report: BenchReport = {
  date: new Date().toISOString().slice(0, 10),
  machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  load: { start: loadAtStart, end: load() },
  runs,
  baseline: BASELINE,
  main,
  renders,
  scaling,
  sizes: SIZES,
  profiles,
};
mkdirSync(join(root, "docs"), { recursive: true });
writeFileSync(join(root, "docs/benchmarks.md"), markdown(report));
console.log(readFileSync(join(root, "docs/benchmarks.md"), "utf8"));
rmSync(scratch, { recursive: true, force: true });
