/**
 * Security scan of the synthesized Terraform JSON with checkov.
 *
 * checkov cannot read inline suppressions from Terraform JSON, so every
 * accepted finding is listed in ONE file, checkov-skips.yaml, as a check id,
 * the construct paths it applies to (all resources when omitted) and a
 * reason. A skip that no longer matches anything fails the scan too, so the
 * list cannot rot. Exits non-zero on any unaccepted failure.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

interface CheckResult {
  readonly check_id: string;
  readonly check_name: string;
  readonly resource: string;
  readonly file_path: string;
  readonly severity: string | null;
}

interface CheckovReport {
  /** With --quiet the passed checks are only counted here, not listed. */
  readonly summary: { readonly passed: number };
  readonly results: { readonly failed_checks: CheckResult[]; readonly skipped_checks: CheckResult[] };
}

interface AcceptedFinding {
  readonly id: string;
  readonly reason: string;
  /** Construct paths below the stack (e.g. "storage/logs/bucket"); "*" matches within a segment and across. */
  readonly resources?: readonly string[];
}

interface SynthesizedStack {
  readonly resource?: Record<
    string,
    Record<string, { readonly "//"?: { readonly metadata?: { readonly path?: string } } }>
  >;
  readonly data?: Record<
    string,
    Record<string, { readonly "//"?: { readonly metadata?: { readonly path?: string } } }>
  >;
}

const projectDir = path.resolve(__dirname, "..");
const repoDir = path.resolve(projectDir, "..");
const stacksDir = path.join(projectDir, "cdktf.out", "stacks");
const toolsDir = process.env.CANDLEFISH_TOOLS ?? path.join(repoDir, ".cache", "tools");
const checkov = path.join(toolsDir, "venv", "bin", "checkov");

function fail(message: string, code = 1): never {
  console.error(`scan: ${message}`);
  process.exit(code);
}

if (!existsSync(checkov)) {
  fail(`checkov not found at ${checkov}. Run 'bash scripts/tools.sh' from the repository root to install it.`, 127);
}
if (!existsSync(stacksDir)) fail("no cdktf.out/stacks: run 'npm run synth' first.");

const skipFile = path.join(projectDir, "checkov-skips.yaml");
const accepted = (parse(readFileSync(skipFile, "utf8")) as { skips: AcceptedFinding[] }).skips;
for (const skip of accepted) {
  if (!skip.id || !skip.reason?.trim())
    fail(`checkov-skips.yaml: every entry needs an id and a reason (${JSON.stringify(skip)})`);
}

/** Logical id -> construct path below the stack, per stack directory. */
function constructPaths(stack: string): Map<string, string> {
  const synthesized = JSON.parse(readFileSync(path.join(stacksDir, stack, "cdk.tf.json"), "utf8")) as SynthesizedStack;
  const paths = new Map<string, string>();
  for (const blocks of [synthesized.resource ?? {}, synthesized.data ?? {}]) {
    for (const byName of Object.values(blocks)) {
      for (const [logicalId, block] of Object.entries(byName)) {
        const fullPath = block["//"]?.metadata?.path ?? logicalId;
        paths.set(logicalId, fullPath.split("/").slice(1).join("/"));
      }
    }
  }
  return paths;
}

const globToRegExp = (glob: string) =>
  new RegExp(
    `^${glob
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );

const stacks = readdirSync(stacksDir);
const pathsByStack = new Map(stacks.map((stack) => [stack, constructPaths(stack)]));

const run = spawnSync(
  checkov,
  ["-d", stacksDir, "--framework", "terraform_json", "--output", "json", "--quiet", "--compact", "--skip-download"],
  // No Prisma Cloud API key: keep checkov from trying to download its mapping.
  { encoding: "utf8", env: { ...process.env, BC_SKIP_MAPPING: "TRUE" }, maxBuffer: 256 * 1024 * 1024 },
);
if (run.error) fail(`could not run checkov: ${run.error.message}`);
let parsed: CheckovReport | CheckovReport[];
try {
  parsed = JSON.parse(run.stdout) as CheckovReport | CheckovReport[];
} catch {
  fail(`checkov printed no JSON report (exit ${run.status}):\n${run.stderr.slice(-2000)}`);
}
const reports = Array.isArray(parsed) ? parsed : [parsed];
const results = {
  passed: reports.reduce((sum, report) => sum + report.summary.passed, 0),
  failed: reports.flatMap((report) => report.results.failed_checks),
  skipped: reports.flatMap((report) => report.results.skipped_checks),
};

const matchCount = new Map<AcceptedFinding, number>(accepted.map((skip) => [skip, 0]));
const unaccepted: string[] = [];
for (const finding of results.failed) {
  const stack = path.basename(path.dirname(finding.file_path));
  const logicalId = finding.resource.split(".").at(-1) ?? finding.resource;
  const constructPath = pathsByStack.get(stack)?.get(logicalId) ?? logicalId;
  const skip = accepted.find(
    (candidate) =>
      candidate.id === finding.check_id &&
      (candidate.resources === undefined || candidate.resources.some((glob) => globToRegExp(glob).test(constructPath))),
  );
  if (skip === undefined) {
    unaccepted.push(`${finding.check_id} ${finding.check_name}\n    ${stack}: ${constructPath} (${finding.resource})`);
  } else {
    matchCount.set(skip, (matchCount.get(skip) ?? 0) + 1);
  }
}
const stale = accepted.filter((skip) => matchCount.get(skip) === 0);
const skippedCount = results.skipped.length + results.failed.length - unaccepted.length;

for (const line of unaccepted) console.error(`FAILED ${line}`);
for (const skip of stale)
  console.error(`STALE skip ${skip.id}: matches nothing any more; remove it from checkov-skips.yaml`);
const withSeverity = results.failed.filter((finding) => finding.severity !== null).length;
console.log(
  `checkov ${stacks.length} stacks: passed ${results.passed}, failed ${unaccepted.length}, ` +
    `skipped ${skippedCount} (${accepted.length} accepted check ids in checkov-skips.yaml)`,
);
if (withSeverity === 0) console.log("note: no severities reported (no Prisma Cloud API key), so every failure counts.");
process.exit(unaccepted.length > 0 || stale.length > 0 ? 1 : 0);
