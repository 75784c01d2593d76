import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEnvironments } from "../env";
import { addOnChartSection, locateChartTools } from "../review/addon-charts";
import { compareRenders } from "../review/compare";
import { loadRender } from "../review/load";
import { renderRef } from "../review/render-ref";
import { markdownReport } from "../review/report";
import { riskFlags, type Severity } from "../review/risk-rules";
import { type Console, EXIT, runSynth } from "./synth";

export interface DiffOptions {
  readonly repoRoot: string;
  readonly base: string;
  /** Exit 1 when a flag of this severity (or higher) is raised. */
  readonly failOn?: Severity;
}

const RANK: Record<Severity, number> = { medium: 1, high: 2 };

/**
 * Renders the base ref and the working tree, prints the Markdown report (with what each add-on pin
 * or values change does to its chart's output); exit 0 unless --fail-on trips.
 */
export async function runDiff(options: DiffOptions, out: Console): Promise<number> {
  let base: ReturnType<typeof renderRef>;
  try {
    base = renderRef(options.repoRoot, options.base);
  } catch (error) {
    out.error(
      `diff: cannot check out ${options.base}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
    );
    return EXIT.invalidConfig;
  }
  const head = mkdtempSync(join(tmpdir(), "candlefish-head-"));
  try {
    const silent: Console = { log: () => {}, error: (line) => out.error(line) };
    const rendered = runSynth(
      {
        inputs: loadEnvironments(options.repoRoot),
        envs: [],
        outRoot: join(head, "dist"),
        argocdRoot: join(head, "argocd"),
        check: false,
      },
      silent,
    );
    if (rendered !== 0) return rendered;
    const changes = compareRenders(
      loadRender(base.distRoot, base.argocdRoot),
      loadRender(join(head, "dist"), join(head, "argocd")),
    );
    const flags = riskFlags(changes);
    out.log(markdownReport(options.base, changes, flags).trimEnd());
    const charts = await addOnChartSection(changes, locateChartTools(options.repoRoot));
    if (charts.length > 0) out.log(`\n${charts.join("\n")}`);
    out.log(`\n_Base: ${base.how}; head: the working tree._`);
    const threshold = options.failOn === undefined ? Number.POSITIVE_INFINITY : RANK[options.failOn];
    return flags.some((flag) => RANK[flag.severity] >= threshold) ? 1 : 0;
  } finally {
    base.cleanUp();
    rmSync(head, { recursive: true, force: true });
  }
}
