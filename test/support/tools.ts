import { execFileSync } from "node:child_process";
import { join } from "node:path";

let cache: string | undefined;

/**
 * The pinned tool cache (kubeconform, Prometheus, the Python venv, the control
 * plane), installed by scripts/tools.sh on first use; asked once per test worker.
 */
export function toolPath(...parts: string[]): string {
  cache ??= execFileSync("bash", ["scripts/tools.sh"], { encoding: "utf8" }).trim();
  return join(cache, ...parts);
}
