import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { ADD_ONS } from "../../addons/catalog";
import { parseEnvConfig } from "../../env";
import { crdObjectSchemaFiles } from "../crd-to-json-schema";
import { type AddOnRelease, addOnReleases } from "./add-on-releases";
import { type CrdDifference, crdDifferences } from "./chart-crds";
import { chartKeys, readChartYaml } from "./chart-values";
import { type ChartObject, type ClusterFacts, crdApiVersions, helmTemplate } from "./helm-template";
import { type KubeconformResult, kubeconform } from "./kubeconform";
import { unknownValues } from "./unknown-values";

export interface AddOnCheckOptions {
  /** Env inputs (loadEnvironments): each cluster's Kubernetes version. */
  readonly envs: Readonly<Record<string, unknown>>;
  readonly appsDir: string;
  /** Unpacked upstream charts, one folder per `<chart>-<version>` (../shared/charts). */
  readonly chartsDir: string;
  /** Upstream CRDs we validate against (../shared/crds). */
  readonly crdsDir: string;
  readonly helm: string;
  readonly kubeconform: string;
  /** kubeconform's core schemas (the tool cache's schemas/). */
  readonly coreSchemaDir: string;
  readonly kubernetesVersions: readonly string[];
}

export interface ReleaseReport {
  readonly release: AddOnRelease;
  readonly objects: readonly ChartObject[];
  readonly unknownKeys: readonly string[];
  readonly crdDifferences: readonly CrdDifference[];
}

export interface AddOnCheckReport {
  readonly releases: readonly ReleaseReport[];
  readonly kubeconform: readonly KubeconformResult[];
  /** Every problem, one line each, naming the Application (add-on and env). */
  readonly problems: readonly string[];
}

/** The folder of a pinned chart, or undefined when it is not available offline. */
export function chartDirOf(chartsDir: string, chart: string, version: string): string | undefined {
  const dir = join(chartsDir, `${chart}-${version}`);
  return existsSync(join(dir, "Chart.yaml")) ? dir : undefined;
}

/** The CRDs of every project folder under `crdsDir` (../shared/crds/<project>/*.yaml). */
export function upstreamCrds(crdsDir: string): ChartObject[] {
  return readdirSync(crdsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(join(crdsDir, entry.name))
        .filter((file) => file.endsWith(".yaml"))
        .flatMap((file) =>
          parseAllDocuments(readFileSync(join(crdsDir, entry.name, file), "utf8")).map(
            (document) => document.toJS() as ChartObject,
          ),
        ),
    );
}

/** Each env's cluster by name: which env it serves and the Kubernetes version helm renders for. */
export function clusterFactsByName(
  envs: Readonly<Record<string, unknown>>,
): Map<string, { env: string; kubeVersion: string }> {
  return new Map(
    Object.keys(envs).map((env) => {
      const config = parseEnvConfig(env, envs[env]);
      return [config.infra.clusterName, { env, kubeVersion: `${config.platform.kubernetesVersion}.0` }];
    }),
  );
}

/** What the catalog says a chart ships against what the chart's Chart.yaml says. */
function appVersionProblem(release: AddOnRelease, chartDir: string): string[] {
  const addOn = ADD_ONS.find((candidate) => candidate.chart === release.chart);
  const shipped = readChartYaml(chartDir).appVersion;
  if (addOn === undefined || addOn.appVersion === shipped) return [];
  return [
    `${release.application}: src/addons/catalog.ts says chart ${release.version} ships ${addOn.appVersion}; its Chart.yaml says ${shipped}`,
  ];
}

/**
 * Renders every add-on Application of argocd/apps with the real helm, the way Argo CD does (two
 * passes per cluster: the first finds the CRDs every add-on installs, the second renders with
 * their API versions, as on a cluster where they are installed), then checks the values keys,
 * the CRDs against ../shared/crds, and the output with kubeconform.
 */
export async function checkAddOns(options: AddOnCheckOptions): Promise<AddOnCheckReport> {
  const problems: string[] = [];
  const clusters = clusterFactsByName(options.envs);
  const upstream = upstreamCrds(options.crdsDir);
  const releases: ReleaseReport[] = [];
  const scratch = mkdtempSync(join(tmpdir(), "candlefish-addons-"));
  try {
    const byCluster = new Map<string, { release: AddOnRelease; chartDir: string; unknownKeys: string[] }[]>();
    for (const release of addOnReleases(options.appsDir)) {
      const chartDir = chartDirOf(options.chartsDir, release.chart, release.version);
      if (chartDir === undefined) {
        problems.push(
          `${release.application}: chart ${release.chart} ${release.version} is not in ${options.chartsDir}; it cannot be rendered offline`,
        );
        continue;
      }
      if (!clusters.has(release.cluster)) {
        problems.push(`${release.application}: destination cluster ${release.cluster} is no env's cluster`);
        continue;
      }
      problems.push(...appVersionProblem(release, chartDir));
      const unknownKeys = unknownValues(release.values, chartKeys(chartDir));
      for (const key of unknownKeys)
        problems.push(
          `${release.application}: values key ${key} is not a key of chart ${release.chart} ${release.version}`,
        );
      byCluster.set(release.cluster, [...(byCluster.get(release.cluster) ?? []), { release, chartDir, unknownKeys }]);
    }
    const schemaDir = join(scratch, "schemas");
    mkdirSync(schemaDir);
    // Kinds whose CRD no chart renders fall back to ../shared/crds: external-secrets' chart sources
    // (git, at the tag) leave templates/crds/ to its release build, so 2.9.0 renders none; the
    // bundle of the same tag is what ../shared/crds holds. Chart CRDs, written after, win where both
    // exist (and crdDifferences has checked that they agree).
    for (const { fileName, schema } of crdObjectSchemaFiles(upstream, options.crdsDir))
      writeFileSync(join(schemaDir, fileName), JSON.stringify(schema));
    for (const [cluster, members] of byCluster) {
      const kubeVersion = clusters.get(cluster)?.kubeVersion ?? "";
      const render = (facts: ClusterFacts) =>
        Promise.all(members.map(({ release, chartDir }) => helmTemplate(options.helm, chartDir, release, facts)));
      const firstPass = await render({ kubeVersion, apiVersions: [] });
      const installed = [...upstream, ...firstPass.flatMap((chart) => chart.objects)];
      const facts = { kubeVersion, apiVersions: crdApiVersions(installed) };
      const rendered = await render(facts);
      mkdirSync(join(scratch, "out", cluster), { recursive: true });
      members.forEach(({ release, unknownKeys }, index) => {
        const { text, objects } = rendered[index] ?? { text: "", objects: [] };
        const differences = crdDifferences(objects, upstream);
        for (const difference of differences)
          problems.push(
            `${release.application}: CRD ${difference.crd} differs from ${options.crdsDir} at ${difference.paths.join(", ")}`,
          );
        releases.push({ release, objects, unknownKeys, crdDifferences: differences });
        writeFileSync(join(scratch, "out", cluster, `${release.application}.yaml`), text);
        for (const { fileName, schema } of crdObjectSchemaFiles(objects, release.application))
          writeFileSync(join(schemaDir, fileName), JSON.stringify(schema));
      });
    }
    const results = await Promise.all(
      options.kubernetesVersions.map((version) =>
        kubeconform(options.kubeconform, options.coreSchemaDir, schemaDir, version, [join(scratch, "out")]),
      ),
    );
    for (const result of results)
      for (const error of result.errors)
        problems.push(`kubeconform ${result.kubernetesVersion}: ${error.replace(`${scratch}/out/`, "")}`);
    return { releases, kubeconform: results, problems };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
