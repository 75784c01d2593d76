import { spawnSync } from "node:child_process";

export type SecretFindings = [file: string, hits: { type: string; line_number: number }[]][];

/** Runs detect-secrets over folders; returns the files with findings (empty means clean). */
export function scanForSecrets(
  detectSecrets: string,
  cwd: string,
  folders: readonly string[],
  disabledDetectors: readonly string[],
): SecretFindings {
  const args = [
    "scan",
    "--all-files",
    ...disabledDetectors.flatMap((plugin) => ["--disable-plugin", plugin]),
    ...folders,
  ];
  const scan = spawnSync(detectSecrets, args, { cwd, encoding: "utf8" });
  if (scan.status !== 0) throw new Error(`detect-secrets failed: ${scan.stderr}`);
  const report = JSON.parse(scan.stdout) as { results: Record<string, { type: string; line_number: number }[]> };
  return Object.entries(report.results);
}
