import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadAll } from "js-yaml";
import type { AddOnRelease } from "./add-on-releases";

const run = promisify(execFile);

/** A rendered chart object; loose, since charts render any kind. */
export type ChartObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; annotations?: Record<string, string> };
} & Record<string, unknown>;

export interface ClusterFacts {
  /** e.g. "1.34.0", as Argo CD passes the destination cluster's version. */
  readonly kubeVersion: string;
  /** group/version and group/version/Kind of what the cluster serves beyond the built-in APIs. */
  readonly apiVersions: readonly string[];
}

/**
 * The arguments Argo CD v3 gives `helm template` for a chart source (util/helm/cmd.go,
 * Cmd.template): release name, namespace, the cluster's version and API versions, the
 * Application's values as a values file, CRDs included unless skipCrds.
 */
export function templateArgs(chartDir: string, release: AddOnRelease, cluster: ClusterFacts, valuesFile: string) {
  return [
    "template",
    chartDir,
    "--name-template",
    release.releaseName,
    "--namespace",
    release.namespace,
    "--kube-version",
    cluster.kubeVersion,
    "--values",
    valuesFile,
    ...cluster.apiVersions.flatMap((version) => ["--api-versions", version]),
    "--include-crds",
  ];
}

export interface RenderedChart {
  /** helm's output as it printed it: what kubeconform reads. */
  readonly text: string;
  readonly objects: readonly ChartObject[];
}

/** Renders one add-on release offline; throws with helm's own message when the chart refuses. */
export async function helmTemplate(
  helm: string,
  chartDir: string,
  release: AddOnRelease,
  cluster: ClusterFacts,
): Promise<RenderedChart> {
  const scratch = mkdtempSync(join(tmpdir(), "candlefish-helm-"));
  try {
    const valuesFile = join(scratch, "values.json");
    writeFileSync(valuesFile, JSON.stringify(release.values));
    // An empty Helm home: no repositories, no cache, so nothing can be fetched.
    const home = { HELM_CACHE_HOME: scratch, HELM_CONFIG_HOME: scratch, HELM_DATA_HOME: scratch };
    const { stdout } = await run(helm, templateArgs(chartDir, release, cluster, valuesFile), {
      env: { ...process.env, ...home },
      maxBuffer: 256 * 1024 * 1024,
    }).catch((error: { stderr?: string; message: string }) => {
      throw new Error(`${release.application}: helm template failed: ${(error.stderr ?? error.message).trim()}`);
    });
    // js-yaml, not `yaml`: kube-prometheus-stack renders 5 MB (its CRDs), which `yaml` parses in 2.3 s, js-yaml in 0.5 s.
    const objects = loadAll(stdout)
      .filter((object): object is ChartObject => object !== null && typeof object === "object")
      // A `kind: List` (aws-load-balancer-controller wraps its IngressClass in one) is applied as its
      // items, and kubeconform validates it as its items too.
      .flatMap((object) => (object.kind === "List" ? ((object.items ?? []) as ChartObject[]) : [object]));
    return { text: stdout, objects };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** What a cluster serves once these CRDs are installed, in Argo CD's two spellings. */
export function crdApiVersions(objects: readonly ChartObject[]): string[] {
  const versions = new Set<string>();
  for (const crd of objects.filter((object) => object.kind === "CustomResourceDefinition")) {
    const spec = crd.spec as { group: string; names: { kind: string }; versions: { name: string }[] };
    for (const { name } of spec.versions) {
      versions.add(`${spec.group}/${name}`);
      versions.add(`${spec.group}/${name}/${spec.names.kind}`);
    }
  }
  return [...versions].sort();
}
