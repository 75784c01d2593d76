import type { KeyTree } from "./chart-values";

/**
 * Values paths whose keys are data, not chart options: the chart copies the map as it is into
 * an object it renders, so kubeconform checks it there, or the program behind it parses it.
 * `*` is one key (or part of one), `**` any number of keys.
 */
export const OPEN_MAPS: readonly string[] = [
  // Kubernetes labels and annotations: any key is valid.
  "**.annotations",
  "**.podAnnotations",
  "**.labels",
  "**.podLabels",
  "**.additionalLabels",
  // argo-rollouts: annotations put on every CRD it installs.
  "crdAnnotations",
  // Label selectors (prometheusSpec.ruleSelector, ...): a LabelSelector, checked in the rendered custom resource.
  "**.*Selector",
  // Container resources and volume claims: Kubernetes objects, checked in the rendered workload.
  "**.resources",
  "**.storageSpec",
  // Alertmanager's own configuration file, checked by amtool, not by the chart.
  "alertmanager.config",
  // Command-line flags of the cluster autoscaler: the binary rejects an unknown flag at start.
  "**.extraArgs",
];

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split(".")
    .map((segment) => (segment === "**" ? "(?:[^.]+\\.)*" : `${segment.replace(/\*/g, "[^.]*")}\\.`))
    .join("");
  return new RegExp(`^${body.replace(/\\\.$/, "")}$`);
}

const openMaps = OPEN_MAPS.map(globToRegExp);

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Every key path in `values` that the chart does not know. Helm ignores such a key without a
 * word (it only validates values.schema.json, which rarely forbids extra keys), so a typo or a key
 * from another chart version silently changes nothing.
 */
export function unknownValues(values: Record<string, unknown>, known: KeyTree, path: readonly string[] = []): string[] {
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const at = [...path, key];
    const dotted = at.join(".");
    if (openMaps.some((pattern) => pattern.test(dotted))) continue;
    const child = known[key];
    if (child === undefined) unknown.push(dotted);
    else if (isMap(value) && Object.keys(value).length > 0) {
      // A map given where the chart has a leaf (`{}`, a scalar): its keys are unknown unless open.
      unknown.push(...unknownValues(value, child === true ? {} : child, at));
    }
  }
  return unknown;
}
