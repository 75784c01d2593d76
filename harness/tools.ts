import { execFileSync } from "node:child_process";
import { join } from "node:path";

let cache: string | undefined;

/**
 * The pinned tool cache (kubeconform, Prometheus, the Python venv, the control
 * plane), installed by scripts/tools.sh on first use; asked once per test worker.
 */
export function toolPath(...parts: string[]): string {
  // Beside this file, not the working directory: terraform-ts's engine tests run from terraform-ts/.
  cache ??= execFileSync("bash", [join(__dirname, "..", "scripts", "tools.sh")], { encoding: "utf8" }).trim();
  return join(cache, ...parts);
}
