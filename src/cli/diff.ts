import { join } from "node:path";
import type { LaunchContext } from "../fast/context";
import { RenderCache } from "../fast/render-cache";
import { committedRenderKey, renderLayout } from "../fast/render-key";
import { compareRenders, subject } from "../review/compare";
import { differingObjects, filesInDirs, filesOfPlan, type ScopedFile } from "../review/load";
import { renderRef } from "../review/render-ref";
import { markdownReport } from "../review/report";
import { riskFlags, type Severity } from "../review/risk-rules";
import { type Console, EXIT } from "./apply-plan";
import { renderWorkingTree } from "./synth-command";

export interface DiffOptions {
  readonly repoRoot: string;
  readonly base: string;
  /** Exit 1 when a flag of this severity (or higher) is raised. */
  readonly failOn?: Severity;
  /** On the fast path: renders of unchanged code and env JSON come from the cache, either side. */
  readonly context?: LaunchContext;
}

const RANK: Record<Severity, number> = { medium: 1, high: 2 };

/** The base's rendered files and how they were obtained; undefined (after saying why) when the ref is unknown. */
function renderBase(options: DiffOptions, out: Console): { files: ScopedFile[]; how: string } | undefined {
  const { repoRoot, base, context } = options;
  const layout = renderLayout(join(repoRoot, "dist"), join(repoRoot, "argocd"));
  try {
    const committed = committedRenderKey(repoRoot, base, layout);
    const cacheDir = context?.cacheDir ?? join(repoRoot, ".cache", "candlefish");
    const cached = context === undefined ? undefined : new RenderCache(cacheDir).get(committed.key, { objects: true });
    if (cached !== undefined) return { files: filesOfPlan(cached), how: `rendered from ${base}'s sources` };
    // Only a ref installed from this checkout's lock file renders with these node_modules as with its own,
    // so only then may its render (and build) go into this checkout's cache.
    const rendered = renderRef(repoRoot, base, committed.sameLockFile ? cacheDir : undefined);
    try {
      return { files: filesInDirs(rendered.distRoot, rendered.argocdRoot), how: rendered.how };
    } finally {
      rendered.cleanUp();
    }
  } catch (error) {
    out.error(
      `diff: cannot check out ${base}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
    );
    return undefined;
  }
}

/**
 * Renders the base ref and the working tree, prints the Markdown report (with what each add-on pin
 * or values change does to its chart's output); exit 0 unless --fail-on trips.
 */
export async function runDiff(options: DiffOptions, out: Console): Promise<number> {
  const base = renderBase(options, out);
  if (base === undefined) return EXIT.invalidConfig;
  const silent: Console = { log: () => {}, error: (line) => out.error(line) };
  const { repoRoot } = options;
  const head = await renderWorkingTree(
    { repoRoot, envs: [], outRoot: join(repoRoot, "dist"), argocdRoot: join(repoRoot, "argocd"), objects: true },
    options.context,
    silent,
  );
  if (typeof head === "number") return head;
  const objects = differingObjects(base.files, filesOfPlan(head));
  const changes = compareRenders(objects.base, objects.head);
  const flags = riskFlags(changes);
  out.log(markdownReport(options.base, changes, flags).trimEnd());
  // Only an Application change can be an add-on's: the chart tools (CRDs, helm) are located for those alone.
  if (changes.some((change) => subject(change).scope === "argocd")) {
    const { addOnChartSection, locateChartTools } = await import("../review/addon-charts.js");
    const charts = await addOnChartSection(changes, locateChartTools(repoRoot));
    if (charts.length > 0) out.log(`\n${charts.join("\n")}`);
  }
  out.log(`\n_Base: ${base.how}; head: the working tree._`);
  const threshold = options.failOn === undefined ? Number.POSITIVE_INFINITY : RANK[options.failOn];
  return flags.some((flag) => RANK[flag.severity] >= threshold) ? 1 : 0;
}
