import type { Manifest } from "./fixtures";

/** A pod template found in a rendered object, named after where it sits. */
export interface FoundTemplate {
  readonly owner: string;
  readonly template: Manifest;
}

/**
 * Every pod template the output can start: Rollouts and Jobs, CronJobs'
 * job templates, and the Jobs inside AnalysisTemplate metrics.
 */
export function podTemplatesOf(manifests: Manifest[]): FoundTemplate[] {
  return manifests.flatMap((m): FoundTemplate[] => {
    const owner = `${m.kind}/${m.metadata.name}`;
    switch (m.kind) {
      case "Rollout":
      case "Job":
        return [{ owner, template: m.spec.template }];
      case "CronJob":
        return [{ owner, template: m.spec.jobTemplate.spec.template }];
      case "AnalysisTemplate":
        return (m.spec.metrics as Manifest[])
          .filter((metric) => metric.provider.job !== undefined)
          .map((metric) => ({ owner: `${owner}/${metric.name}`, template: metric.provider.job.spec.template }));
      default:
        return [];
    }
  });
}
