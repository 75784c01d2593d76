import type { Traffic } from "../harness/scenarios";
import { SYNTHETIC_TRAFFIC, TRAFFIC_LABEL } from "../src/slo/metric-contract";

/** A pod as the API server reports it: what decides which traffic it gets. */
export interface LivePod {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly image: string;
  readonly ready: boolean;
}

/** Label selectors of the Services in front of the pods, as the API server reports them now. */
export interface LiveServices {
  readonly active: Readonly<Record<string, string>> | undefined;
  readonly preview: Readonly<Record<string, string>> | undefined;
}

/** What one pod answers per second, and as which kind of traffic its series count it. */
export interface PodLoad {
  readonly pod: LivePod;
  readonly kind: "user" | typeof SYNTHETIC_TRAFFIC;
  readonly traffic: Traffic;
}

export const selects = (selector: LiveServices["active"], pod: LivePod) =>
  selector !== undefined &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([key, value]) => pod.labels[key] === value);

/**
 * Who gets traffic, from nothing but the live objects: users reach the ready pods the real
 * `website-active` selector selects (with the hash the controller injected into it), spread
 * evenly; the smoke Job reaches the ready pods `website-preview` selects that users do not. A pod's
 * release behaves as the scenario says its image behaves. No rollout role is read: which pods
 * serve users is decided by the Service, not by a label we expect the controller to flip.
 */
export function podLoads(
  pods: readonly LivePod[],
  services: LiveServices,
  behaviourOf: (image: string) => Traffic,
  userRps: number,
  smokeRps: number,
): PodLoad[] {
  const ready = pods.filter((pod) => pod.ready);
  const users = ready.filter((pod) => selects(services.active, pod));
  const smoke = ready.filter((pod) => !users.includes(pod) && selects(services.preview, pod));
  const share = (pool: LivePod[], rps: number, kind: PodLoad["kind"]) =>
    pool.map((pod) => ({ pod, kind, traffic: { ...behaviourOf(pod.image), rps: rps / pool.length } }));
  return [...share(users, userRps, "user"), ...share(smoke, smokeRps, SYNTHETIC_TRAFFIC)];
}

/** A Kubernetes label name as a Prometheus label name (Prometheus Operator: every invalid character becomes `_`). */
export const prometheusLabelName = (label: string) => label.replace(/[^a-zA-Z0-9_]/g, "_");

/**
 * The labels Prometheus attaches to a pod's series through the rendered ServiceMonitor (namespace,
 * service, pod, and each of its `podTargetLabels` copied from the pod's real labels), plus the
 * traffic kind the website itself exports. Whatever the ServiceMonitor copies is what the gates see.
 */
export function seriesLabels(
  namespace: string,
  service: string,
  podTargetLabels: readonly string[],
  load: PodLoad,
): string {
  const labels: Record<string, string> = { namespace, service, pod: load.pod.name, [TRAFFIC_LABEL]: load.kind };
  for (const label of podTargetLabels) {
    const value = load.pod.labels[label];
    if (value !== undefined) labels[prometheusLabelName(label)] = value;
  }
  return Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(",");
}
