/**
 * The policy gate: checkov over the rendered manifests and over the pod
 * templates hidden in Rollouts and AnalysisTemplates, then a secret scan of
 * dist/, argocd/ and src/. Exit 1 on any failed check or any finding.
 * Usage: npm run policy    (tools come from scripts/tools.sh)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { scanForSecrets } from "../src/validate/secret-scan";
import { wrapForPolicyCheck } from "../src/validate/wrap-rollouts";

const root = resolve(__dirname, "..");
const started = performance.now();
const tools = execFileSync("bash", [join(root, "scripts/tools.sh")], { encoding: "utf8" }).trim();
const venv = join(tools, "venv", "bin");
const skipFile = parse(readFileSync(join(root, "policy/skips.yaml"), "utf8")) as Record<
  string,
  Record<string, unknown>
>;
const checkovSkips = Object.keys(skipFile.checkov ?? {});
const disabledDetectors = Object.keys(skipFile["detect-secrets"] ?? {});

// Rollout and AnalysisTemplate pod templates, re-expressed as kinds checkov reads.
const wrapped = mkdtempSync(join(tmpdir(), "candlefish-policy-"));
let wrappedCount = 0;
for (const env of readdirSync(join(root, "dist"))) {
  for (const file of readdirSync(join(root, "dist", env)).filter((name) => name.endsWith(".yaml"))) {
    const text = readFileSync(join(root, "dist", env, file), "utf8");
    // The env's NetworkPolicies go along, so checkov can see which policies select the wrapped pods.
    if (file.startsWith("networkpolicy-")) writeFileSync(join(wrapped, `${env}-${file}`), text);
    for (const out of wrapForPolicyCheck(`${env}-${file}`, text)) {
      writeFileSync(join(wrapped, out.name), out.content);
      wrappedCount += 1;
    }
  }
}

interface CheckovReport {
  summary: { passed: number; failed: number; skipped: number; parsing_errors: number };
  results: { failed_checks: { check_id: string; check_name: string; resource: string; file_path: string }[] };
}

function checkov(dir: string): CheckovReport {
  const result = spawnSync(
    join(venv, "checkov"),
    ["-d", dir, "--framework", "kubernetes", "--quiet", "-o", "json", "--skip-check", checkovSkips.join(",")],
    { encoding: "utf8", env: { ...process.env, BC_SKIP_MAPPING: "TRUE", CHECKOV_RUN_SCA_PACKAGE_SCAN_V2: "false" } },
  );
  const report = JSON.parse(result.stdout) as CheckovReport | CheckovReport[] | { passed: 0; failed: 0 };
  if (Array.isArray(report)) throw new Error(`checkov returned several reports for ${dir}`);
  if (!("summary" in report)) throw new Error(`checkov found nothing to check in ${dir}: ${result.stderr}`);
  return report;
}

let failed = 0;
for (const [label, dir] of [
  ["dist/", join(root, "dist")],
  [`wrapped Rollout/AnalysisTemplate pod templates (${wrappedCount})`, wrapped],
] as const) {
  const { summary, results } = checkov(dir);
  console.log(
    `checkov ${label}: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped, ${summary.parsing_errors} parsing errors`,
  );
  for (const check of results.failed_checks) {
    console.log(`  FAILED ${check.check_id} ${check.check_name}: ${check.resource} (${check.file_path})`);
  }
  failed += summary.failed + summary.parsing_errors;
}
console.log(`checkov skips (policy/skips.yaml): ${checkovSkips.join(", ")}`);

// Secret scan of everything a reviewer or Argo CD reads.
const scanned = ["dist", "argocd", "src"].filter((dir) => existsSync(join(root, dir)));
const findings = scanForSecrets(join(venv, "detect-secrets"), root, scanned, disabledDetectors);
console.log(
  `detect-secrets ${scanned.join(", ")} (without ${disabledDetectors.join(", ")}): ${findings.length} files with findings`,
);
for (const [file, hits] of findings) {
  for (const hit of hits) console.log(`  SECRET? ${file}:${hit.line_number} ${hit.type}`);
}

console.log(`policy gate took ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = failed > 0 || findings.length > 0 ? 1 : 0;
