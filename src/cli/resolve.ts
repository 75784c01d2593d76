import { relative } from "node:path";
import { ssmClient } from "../ssm/client";
import { explainAwsError } from "../ssm/explain-error";
import { type FetchedParameter, fetchParameters } from "../ssm/fetch";
import { mapToOutputs } from "../ssm/map-outputs";
import { outputsDiff, outputsPath, readOutputs, stableJson, writeFileAtomically } from "../ssm/outputs-file";
import { SSM_PARAMETERS, SSM_PREFIX } from "../ssm/parameters";
import type { Console } from "./apply-plan";

export interface ResolveOptions {
  readonly envs: readonly string[];
  /** A local SSM API (moto) instead of AWS's regional endpoint. */
  readonly endpoint?: string;
  readonly dryRun: boolean;
  readonly outputsDir: string;
}

/** Exit codes: 0 done, 2 parameters missing or malformed, 3 AWS unreachable or refusing. */
export const RESOLVE_EXIT = { ok: 0, invalid: 2, aws: 3 } as const;

/**
 * Reads each env's parameters from SSM into src/env/outputs/<env>.json.
 * Every env is fetched and checked before any file is written, so a fetch or
 * validation failure leaves every outputs file as it was.
 */
export async function runResolve(options: ResolveOptions, out: Console): Promise<number> {
  const client = ssmClient(options.endpoint);
  const where = options.endpoint === undefined ? "SSM" : `SSM at ${options.endpoint}`;
  const resolved: { env: string; path: string; before: string; after: string; fetched: number; ignored: number }[] = [];
  let failed: number = RESOLVE_EXIT.ok;

  for (const env of options.envs) {
    const prefix = SSM_PREFIX(env);
    let parameters: FetchedParameter[];
    try {
      parameters = await fetchParameters(client, prefix);
    } catch (error) {
      out.error(`resolve ${env}: ${explainAwsError(error, `${where} (GetParametersByPath ${prefix})`)}`);
      failed = RESOLVE_EXIT.aws;
      continue;
    }
    const mapped = mapToOutputs(env, parameters);
    if (!mapped.ok) {
      out.error(`resolve ${env}: ${mapped.problems.length} problem(s) with ${prefix}:`);
      for (const problem of mapped.problems) out.error(`  ${problem}`);
      failed = Math.max(failed, RESOLVE_EXIT.invalid);
      continue;
    }
    const path = outputsPath(options.outputsDir, env);
    resolved.push({
      env,
      path,
      before: readOutputs(path),
      after: stableJson(mapped.outputs),
      fetched: parameters.length - mapped.ignored.length,
      ignored: mapped.ignored.length,
    });
  }
  client.destroy();
  if (failed !== RESOLVE_EXIT.ok) {
    out.error("nothing written: every outputs file is as it was");
    return failed;
  }

  for (const { env, path, before, after, fetched, ignored } of resolved) {
    const shown = relative(process.cwd(), path);
    const state = before === after ? "unchanged" : options.dryRun ? "would change" : "updated";
    out.log(
      `resolve ${env}: ${fetched} of ${SSM_PARAMETERS.length} parameters from ${SSM_PREFIX(env)}${ignored > 0 ? ` (${ignored} not in the contract, ignored)` : ""} → ${shown}: ${state}`,
    );
    if (before === after) continue;
    if (options.dryRun) out.log(outputsDiff(shown, before, after));
    else writeFileAtomically(path, after);
  }
  return RESOLVE_EXIT.ok;
}
