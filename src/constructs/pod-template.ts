import { Duration } from "cdk8s";
import * as kplus from "cdk8s-plus-28";
import type { WorkloadConfig } from "../env";
import { withEphemeralStorage, workloadBudget } from "./container-budget";
import type { DrainTiming } from "./drain-timing";
import { hardenedContainerProps, RUNTIME_USER, tmpVolume } from "./hardened-container";
import { selectorLabels, type WorkloadIdentity } from "./labels";
import { type PodTemplateJson, scratchChart, workloadSpecJson } from "./scratch";
import { workloadSecretNames } from "./secret-names";

export type { PodTemplateJson } from "./scratch";

export interface PodTemplateProps {
  readonly identity: WorkloadIdentity;
  readonly image: string;
  readonly workload: WorkloadConfig;
  readonly serviceAccountName: string;
  readonly zones: readonly string[];
  readonly maxSkew: number;
  /** preStop sleep and grace period, both from the ALB's deregistration delay (drain-timing.ts). */
  readonly drain: DrainTiming;
}

const ZONE_KEY = "topology.kubernetes.io/zone";
const HOST_KEY = "kubernetes.io/hostname";

/**
 * Spread over zones strictly (an AZ outage leaves 2/3 of capacity) and over
 * nodes best-effort (spot nodes come and go). Neither counts the role label,
 * so preview pods of a release are spread like active ones.
 */
function scheduling(props: PodTemplateProps): Record<string, unknown> {
  const selector = { matchLabels: selectorLabels(props.identity) };
  const topologySpreadConstraints: kplus.k8s.TopologySpreadConstraint[] = [
    {
      topologyKey: ZONE_KEY,
      maxSkew: props.maxSkew,
      whenUnsatisfiable: "DoNotSchedule",
      labelSelector: selector,
      matchLabelKeys: ["rollouts-pod-template-hash"],
    },
  ];
  const affinity: kplus.k8s.Affinity = {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE_KEY, operator: "In", values: [...props.zones] }] }],
      },
    },
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 100, podAffinityTerm: { topologyKey: HOST_KEY, labelSelector: selector } },
      ],
    },
  };
  return {
    topologySpreadConstraints: topologySpreadConstraints.map(kplus.k8s.toJson_TopologySpreadConstraint),
    affinity: kplus.k8s.toJson_Affinity(affinity),
  };
}

/**
 * Builds the hardened pod template with cdk8s-plus in a scratch chart
 * (cdk8s-plus-28 has no Rollout) and returns it in wire form.
 */
export function hardenedPodTemplate(props: PodTemplateProps): PodTemplateJson {
  const scratch = scratchChart();
  const tmp = tmpVolume(scratch);
  const deployment = new kplus.Deployment(scratch, "workload", {
    select: false,
    podMetadata: { labels: { ...selectorLabels(props.identity) } },
    serviceAccount: kplus.ServiceAccount.fromServiceAccountName(scratch, "sa", props.serviceAccountName),
    automountServiceAccountToken: false,
    securityContext: {
      ensureNonRoot: true,
      user: RUNTIME_USER,
      group: RUNTIME_USER,
      fsGroup: RUNTIME_USER,
      fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH,
    },
    terminationGracePeriod: Duration.seconds(props.drain.terminationGracePeriodSeconds),
    containers: [
      {
        ...hardenedContainerProps(
          props.identity.workload,
          props.image,
          props.workload,
          tmp,
          Object.values(workloadSecretNames(props.identity.workload)).map((name) =>
            kplus.Secret.fromSecretName(scratch, name, name),
          ),
        ),
        // An exec sleep, not the native `sleep` action: that action is not in the Kubernetes 1.28 API we
        // validate against (nor in cdk8s-plus-28's types); the image contract (docs/rollouts.md) provides `sleep`.
        lifecycle: { preStop: kplus.Handler.fromCommand(["sleep", String(props.drain.preStopSleepSeconds)]) },
      },
    ],
  });
  const { metadata, spec } = workloadSpecJson(deployment).template;
  const budget = workloadBudget(props.workload);
  return { metadata, spec: { ...withEphemeralStorage(spec, () => budget), ...scheduling(props) } };
}
