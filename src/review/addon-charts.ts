import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadEnvironments } from "../env";
import {
  type AddOnRelease,
  type ApplicationView,
  isChartApplication,
  releaseOf,
} from "../validate/addons/add-on-releases";
import { chartDirOf, clusterFactsByName, upstreamCrds } from "../validate/addons/check";
import { type ChartObject, crdApiVersions, helmTemplate } from "../validate/addons/helm-template";
import { type ResourceChange, subject } from "./compare";

/** Where the diff finds helm and the upstream charts; either may be missing on a reviewer's machine. */
export interface ChartTools {
  readonly helm: string | undefined;
  readonly chartsDir: string;
  /** API versions of the CRDs the clusters run (../shared/crds), so charts render their ServiceMonitors. */
  readonly apiVersions: readonly string[];
  /** Each cluster's Kubernetes version, from the env config. */
  readonly clusters: ReadonlyMap<string, { readonly kubeVersion: string }>;
}

/** helm from the tool cache (scripts/tools.sh builds it), charts and CRDs from ../shared, each overridable. */
export function locateChartTools(repoRoot: string): ChartTools {
  const cache = process.env.CANDLEFISH_TOOLS ?? join(repoRoot, ".cache", "tools");
  const helm = process.env.CANDLEFISH_HELM ?? join(cache, "bin", "helm");
  const crdsDir = join(repoRoot, "..", "shared", "crds");
  return {
    helm: existsSync(helm) ? helm : undefined,
    chartsDir: process.env.CANDLEFISH_CHARTS ?? join(repoRoot, "..", "shared", "charts"),
    apiVersions: existsSync(crdsDir) ? crdApiVersions(upstreamCrds(crdsDir)) : [],
    clusters: clusterFactsByName(loadEnvironments(repoRoot)),
  };
}

const identity = (object: ChartObject) =>
  `${object.apiVersion}/${object.kind}/${object.metadata?.namespace ?? ""}/${object.metadata?.name ?? ""}`;

/** Objects added, removed and changed between two renders of a chart. */
export function countChartChanges(before: readonly ChartObject[], after: readonly ChartObject[]) {
  const old = new Map(before.map((object) => [identity(object), JSON.stringify(object)]));
  const now = new Map(after.map((object) => [identity(object), JSON.stringify(object)]));
  let added = 0;
  let changed = 0;
  for (const [id, body] of now) {
    const previous = old.get(id);
    if (previous === undefined) added++;
    else if (previous !== body) changed++;
  }
  const removed = [...old.keys()].filter((id) => !now.has(id)).length;
  return { added, removed, changed };
}

const sideOf = (change: ResourceChange, side: "before" | "after"): AddOnRelease | undefined => {
  const object =
    side === "before"
      ? change.change === "added"
        ? undefined
        : change.before
      : change.change === "removed"
        ? undefined
        : change.after;
  const app = object?.body as ApplicationView | undefined;
  return app !== undefined && isChartApplication(app) ? releaseOf(object?.file ?? "", app) : undefined;
};

async function describeChange(before: AddOnRelease | undefined, after: AddOnRelease | undefined, tools: ChartTools) {
  const release = after ?? before;
  if (release === undefined) return undefined;
  const versions = `${before?.version ?? "∅"} → ${after?.version ?? "∅"}`;
  const valuesChanged = JSON.stringify(before?.values) !== JSON.stringify(after?.values);
  if (before?.version === after?.version && !valuesChanged) return undefined;
  const title = `- **${release.application}** (${release.chart} ${versions}${valuesChanged ? ", values changed" : ""})`;
  if (tools.helm === undefined) return `${title}: rendered change not computed: helm is not installed (npm run tools)`;
  const unavailable = [before, after].filter(
    (side) => side !== undefined && chartDirOf(tools.chartsDir, side.chart, side.version) === undefined,
  );
  if (unavailable.length > 0) {
    const missing = unavailable.map((side) => `${side?.chart} ${side?.version}`).join(", ");
    return `${title}: rendered change not computed: chart ${missing} is not available offline in ${tools.chartsDir}`;
  }
  const render = async (side: AddOnRelease | undefined) => {
    if (side === undefined || tools.helm === undefined) return [];
    const chartDir = chartDirOf(tools.chartsDir, side.chart, side.version) ?? "";
    const cluster = {
      kubeVersion: tools.clusters.get(side.cluster)?.kubeVersion ?? "",
      apiVersions: tools.apiVersions,
    };
    const rendered = await helmTemplate(tools.helm, chartDir, side, cluster);
    return rendered.objects;
  };
  const [old, now] = await Promise.all([render(before), render(after)]);
  const count = countChartChanges(old, now);
  return `${title}: chart output ${count.added} added, ${count.removed} removed, ${count.changed} changed objects (of ${now.length})`;
}

/**
 * The section a reviewer reads under a pin bump or a values change of an add-on: what the chart
 * renders differently, counted by object, from the real helm over the exact chart sources.
 */
export async function addOnChartSection(changes: readonly ResourceChange[], tools: ChartTools): Promise<string[]> {
  const lines: string[] = [];
  for (const change of changes.filter((candidate) => subject(candidate).scope === "argocd")) {
    const line = await describeChange(sideOf(change, "before"), sideOf(change, "after"), tools);
    if (line !== undefined) lines.push(line);
  }
  return lines.length === 0 ? [] : ["## Add-on charts", "", ...lines];
}
