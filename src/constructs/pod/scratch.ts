import { ApiObject, App, Chart } from "cdk8s";
import * as kplus from "cdk8s-plus-28";

/** A pod template in wire form, as it appears in a rendered manifest. */
export interface PodTemplateJson {
  readonly metadata: { labels: Record<string, string> };
  readonly spec: Record<string, unknown>;
}

/**
 * A chart in an app that is never synthesized: cdk8s-plus builds pod
 * templates here for kinds it does not know (Rollout, an analysis Job).
 */
export function scratchChart(): Chart {
  return new Chart(new App(), "scratch");
}

/**
 * Drops the `cdk8s.io/metadata.addr` label cdk8s-plus adds to every pod
 * template, and sets the pod-level RuntimeDefault seccomp profile that
 * cdk8s-plus-28's PodSecurityContextProps cannot express.
 */
function finishTemplate(template: PodTemplateJson): PodTemplateJson {
  const labels = Object.fromEntries(
    Object.entries(template.metadata.labels).filter(([key]) => key !== kplus.Pod.ADDRESS_LABEL),
  );
  const securityContext = {
    ...(template.spec.securityContext as Record<string, unknown>),
    seccompProfile: { type: "RuntimeDefault" },
  };
  return { metadata: { labels }, spec: { ...template.spec, securityContext } };
}

/** The rendered spec of a cdk8s-plus workload, its pod template cleaned. */
export function workloadSpecJson(workload: kplus.Workload): Record<string, unknown> & { template: PodTemplateJson } {
  const { spec } = ApiObject.of(workload).toJson() as { spec: Record<string, unknown> & { template: PodTemplateJson } };
  return { ...spec, template: finishTemplate(spec.template) };
}
