import { parse, stringify } from "yaml";

type Manifest = {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown>;
  spec?: Record<string, unknown>;
};

interface WrappedFile {
  readonly name: string;
  readonly content: string;
}

/**
 * Policy linters skip Argo Rollouts kinds. This re-expresses the pod templates
 * they carry as kinds the linters check: a Rollout's template as a Deployment,
 * an AnalysisTemplate's Job metrics as Jobs. Names and namespaces are kept so
 * findings point at the real object.
 */
export function wrapForPolicyCheck(fileName: string, yamlText: string): WrappedFile[] {
  const manifest = parse(yamlText) as Manifest;
  const metadata = {
    name: manifest.metadata?.name,
    namespace: manifest.metadata?.namespace,
    labels: manifest.metadata?.labels,
  };
  if (manifest.kind === "Rollout") {
    const { template, selector } = manifest.spec ?? {};
    const deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata, spec: { selector, template } };
    return [{ name: `wrapped-${fileName}`, content: stringify(deployment) }];
  }
  if (manifest.kind === "AnalysisTemplate") {
    const metrics = (manifest.spec?.metrics ?? []) as { name: string; provider?: { job?: { spec?: unknown } } }[];
    return metrics
      .filter((metric) => metric.provider?.job?.spec !== undefined)
      .map((metric) => ({
        name: `wrapped-${metric.name}-${fileName}`,
        content: stringify({
          apiVersion: "batch/v1",
          kind: "Job",
          metadata: { ...metadata, name: `${String(metadata.name)}-${metric.name}` },
          spec: metric.provider?.job?.spec,
        }),
      }));
  }
  return [];
}
