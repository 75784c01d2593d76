import diff from "microdiff";
import type { ChartObject } from "./helm-template";

export interface CrdDifference {
  readonly crd: string;
  /** The first differing paths below `spec`, for the message. */
  readonly paths: readonly string[];
}

const MAX_PATHS = 5;

const crdsByName = (objects: readonly ChartObject[]) =>
  new Map(
    objects
      .filter((object) => object.kind === "CustomResourceDefinition")
      .map((crd) => [crd.metadata?.name ?? "?", crd] as const),
  );

/**
 * CRDs a chart installs that differ from the upstream CRDs we validate against (../shared/crds),
 * compared on `spec`: what the API server serves and validates. Labels and annotations (Helm's,
 * controller-gen's version stamp) do not change what a cluster accepts. CRDs with no upstream
 * counterpart are not compared; they still feed the chart's own kubeconform schemas.
 */
export function crdDifferences(
  chartObjects: readonly ChartObject[],
  upstream: readonly ChartObject[],
): CrdDifference[] {
  const reference = crdsByName(upstream);
  const differences: CrdDifference[] = [];
  for (const [name, crd] of crdsByName(chartObjects)) {
    const expected = reference.get(name);
    if (expected === undefined) continue;
    const changes = diff((expected.spec ?? {}) as Record<string, unknown>, (crd.spec ?? {}) as Record<string, unknown>);
    if (changes.length > 0)
      differences.push({ crd: name, paths: changes.slice(0, MAX_PATHS).map((change) => change.path.join(".")) });
  }
  return differences;
}
