/**
 * What the benchmark measures against: the code before this work (the
 * baseline commit, unpacked with `git archive`), Git checkouts for the
 * release commands, and the same output as a Helm chart and a kustomization.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyCheckout } from "../../harness/checkout";

const git = (cwd: string, args: readonly string[], env: Record<string, string> = {}) =>
  execFileSync("git", args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

/** The baseline commit's sources at `dest` (no worktree is registered), sharing this checkout's node_modules. */
export function baselineCheckout(root: string, ref: string, dest: string): string {
  mkdirSync(dest, { recursive: true });
  const archive = execFileSync("git", ["archive", "--format=tar", ref], { cwd: root, maxBuffer: 512 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", dest], { input: archive });
  symlinkSync(join(root, "node_modules"), join(dest, "node_modules"), "dir");
  return dest;
}

/**
 * The baseline's scaling probe, written into its checkout: the same
 * generated envs as scale-probe.ts through the baseline's runSynth (one
 * thread), into `process.argv[4]`, deleting nothing (the baseline's own
 * bench-scale.ts timed the removal of its output too). Returns its path, to bundle.
 */
export function baselineScaleProbe(root: string, baseline: string): string {
  const path = join(baseline, "scale-probe.ts");
  writeFileSync(
    path,
    `import { join } from "node:path";
import { runSynth } from "./src/cli/synth";
import { environments } from "./src/env";
import { generatedEnvs } from ${JSON.stringify(join(root, "harness/generated-envs"))};
const [workloads = "1", envs = "2", out = "scale-out"] = process.argv.slice(2);
const inputs = generatedEnvs(environments.production, Number(workloads), Number(envs));
const silent = { log: () => {}, error: (line: string) => console.error(line) };
process.exitCode = runSynth({ inputs, envs: [], outRoot: join(out, "dist"), argocdRoot: join(out, "argocd"), check: false }, silent);
`,
  );
  return path;
}

/**
 * A copy of this checkout as a Git repository whose history is two days
 * old (set-image, promote and diff read Git), sharing node_modules.
 */
export function releaseCheckout(root: string, dest: string): string {
  mkdirSync(dest, { recursive: true });
  copyCheckout(root, dest);
  const date = new Date(Date.now() - 48 * 3_600_000).toISOString();
  const identity = { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  git(dest, ["init", "-q"]);
  // node_modules is a symlink here, which the folder pattern in .gitignore does not match.
  writeFileSync(join(dest, ".git", "info", "exclude"), "node_modules\n");
  git(dest, ["add", "-A"]);
  git(dest, ["-c", "user.email=bench@example.com", "-c", "user.name=bench", "commit", "-q", "-m", "bench"], identity);
  return dest;
}

/** Escapes what Helm would read as a template action in a file we did not write as a template. */
const literal = (text: string) => text.replace(/\{\{|\}\}/g, (braces) => `{{ "${braces}" }}`);

/**
 * A Helm chart of one env's rendered objects with what differs between envs
 * (namespace, domain, image) as values: what `helm template` costs for the
 * same output, not what writing that chart would take. Returns the chart
 * folder and a values file per env.
 */
export function helmChart(distRoot: string, dest: string): { chart: string; values: string[] } {
  const chart = join(dest, "candlefish");
  mkdirSync(join(chart, "templates"), { recursive: true });
  writeFileSync(join(chart, "Chart.yaml"), "apiVersion: v2\nname: candlefish\nversion: 0.1.0\n");
  const production = join(distRoot, "production");
  for (const file of readdirSync(production).filter((name) => name.endsWith(".yaml"))) {
    const template = literal(readFileSync(join(production, file), "utf8"))
      .replaceAll("candlefish-production", "{{ .Values.namespace }}")
      .replaceAll("preview.candlefish.ai", "{{ .Values.previewHost }}");
    writeFileSync(join(chart, "templates", file), template);
  }
  const values = [
    ["staging", "candlefish-staging", "preview.staging.candlefish.ai"],
    ["production", "candlefish-production", "preview.candlefish.ai"],
  ].map(([env, namespace, previewHost]) => {
    const path = join(dest, `values-${env}.yaml`);
    writeFileSync(path, `namespace: ${namespace}\npreviewHost: ${previewHost}\n`);
    return path;
  });
  return { chart, values };
}

/**
 * A kustomization.yaml in `root` listing every rendered file below
 * `root/dist/<env>/` (kustomize only loads files below its own folder);
 * returns how many files it lists.
 */
export function kustomization(root: string): number {
  const resources = readdirSync(join(root, "dist")).flatMap((env) =>
    readdirSync(join(root, "dist", env))
      .filter((file) => file.endsWith(".yaml"))
      .map((file) => `dist/${env}/${file}`),
  );
  writeFileSync(join(root, "kustomization.yaml"), `resources:\n${resources.map((path) => `  - ${path}`).join("\n")}\n`);
  return resources.length;
}
