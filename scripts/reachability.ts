/**
 * Regenerates docs/reachability.md: the truth table of src/validate/reachability/cases.ts for every
 * env, evaluated by cyclonus over the NetworkPolicies in dist/<env>/. With --check it writes nothing
 * and exits 1 when the committed table is stale or any verdict differs from the expected one.
 * Usage: npm run reachability [-- --check]
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadEnvironments } from "../src/env";
import { buildReachabilityTables, REACHABILITY_DOC } from "../src/validate/reachability/build";
import { reachabilityMarkdown, unexpectedVerdicts } from "../src/validate/reachability/table";

const check = process.argv.includes("--check");
const cache = execFileSync("bash", ["scripts/tools.sh"], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
}).trim();
const version = readFileSync(join(cache, "bin", "cyclonus.version"), "utf8").trim();
const tables = buildReachabilityTables(
  loadEnvironments(process.cwd()),
  resolve("dist"),
  join(cache, "bin", "cyclonus"),
);
const markdown = reachabilityMarkdown(tables, version);
const problems = tables.flatMap(unexpectedVerdicts);
const docPath = resolve(REACHABILITY_DOC);
if (check) {
  const committed = existsSync(docPath) ? readFileSync(docPath, "utf8") : "";
  if (committed !== markdown) problems.push(`${REACHABILITY_DOC} is stale: run npm run reachability and commit it`);
} else {
  writeFileSync(docPath, markdown);
}
const rows = tables.reduce((sum, table) => sum + table.rows.length, 0);
console.log(`reachability: ${rows} connections in ${tables.length} envs evaluated by cyclonus ${version}`);
for (const problem of problems) console.error(`- ${problem}`);
process.exitCode = problems.length > 0 ? 1 : 0;
