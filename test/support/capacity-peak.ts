import { join } from "node:path";
import type { PodGroup } from "../../src/capacity/peak";
import type { EnvConfig } from "../../src/env";
import { find, type Manifest, manifestsIn, REPO_ROOT } from "./fixtures";
import { podTemplatesOf } from "./pod-templates";

/** The rendered pod template each of src/capacity/peak.ts's Job groups stands for. */
const JOB_TEMPLATES: Record<string, string> = {
  "website migration Job": "Job/db-migrate",
  "website smoke Job": "AnalysisTemplate/website-pre-promotion/smoke-traffic",
  "backup Job": "CronJob/db-backup",
};

/** The label Argo Rollouts puts on each ReplicaSet's pods, and which the spread's matchLabelKeys names. */
export const HASH_LABEL = "rollouts-pod-template-hash";

/** The ReplicaSet names the peak's spread groups get, in order: the active colour first. */
export const replicaSetName = (index: number) => `website-rev${index}`;

/**
 * The release peak as the cluster sees it, built from the committed dist/<env> (never hand-written pods):
 * one ReplicaSet per spread group with the rendered Rollout's pod template and its own pod-template hash
 * (what Argo Rollouts creates for each revision), scaled to the group's count as the HPA would; and each
 * Job group's pods from the rendered Job, CronJob or AnalysisTemplate job template.
 */
export function peakObjects(env: EnvConfig, groups: readonly PodGroup[]): object[] {
  const rendered = manifestsIn(join(REPO_ROOT, "dist", env.name));
  const template = find(rendered, "Rollout", "website").spec.template as Manifest;
  const templates = new Map(podTemplatesOf(rendered).map((found) => [found.owner, found.template]));
  const spread = groups.filter((group) => group.spread);
  const replicaSets = spread.map((group, index) => {
    const labels = { ...template.metadata.labels, [HASH_LABEL]: `rev${index}` };
    return {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: replicaSetName(index), namespace: env.namespace, labels },
      spec: {
        replicas: group.count,
        selector: { matchLabels: labels },
        template: { ...template, metadata: { ...template.metadata, labels } },
      },
    };
  });
  const jobPods = groups
    .filter((group) => !group.spread)
    .flatMap((group) => {
      const owner = JOB_TEMPLATES[group.name];
      const jobTemplate = owner === undefined ? undefined : templates.get(owner);
      if (jobTemplate === undefined) throw new Error(`no rendered pod template for the peak's ${group.name}`);
      return Array.from({ length: group.count }, (_, i) => ({
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          name: `${group.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${i}`,
          namespace: env.namespace,
          labels: { ...jobTemplate.metadata?.labels, "candlefish.ai/peak": "job" },
        },
        spec: jobTemplate.spec,
      }));
    });
  return [...replicaSets, ...jobPods];
}
