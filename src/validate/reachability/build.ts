import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { parseEnvConfig } from "../../env";
import { reachabilityCases } from "./cases";
import { evaluateWithCyclonus } from "./cyclonus";
import type { EnvTable } from "./table";

/** Where the generated table lives, relative to the repository. */
export const REACHABILITY_DOC = "docs/reachability.md";

/** The NetworkPolicy files Argo CD would sync for an env: every object of that kind in its dist/ folder. */
export function networkPolicyFiles(envDir: string): string[] {
  return readdirSync(envDir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => join(envDir, name))
    .filter((file) => (parse(readFileSync(file, "utf8")) as { kind?: string } | null)?.kind === "NetworkPolicy");
}

/** Each env's truth table, evaluated by cyclonus over what is committed in dist/. */
export function buildReachabilityTables(
  inputs: Record<string, unknown>,
  distDir: string,
  cyclonus: string,
): EnvTable[] {
  return Object.entries(inputs).map(([name, input]) => {
    const env = parseEnvConfig(name, input);
    const envDir = join(distDir, name);
    const policyDir = relative(join(distDir, ".."), envDir);
    return {
      env: name,
      policyDir,
      rows: evaluateWithCyclonus(cyclonus, networkPolicyFiles(envDir), reachabilityCases(env)),
    };
  });
}
