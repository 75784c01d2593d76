import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { WorkloadConfig } from "../env";
import { commonLabels, selectorLabels, type WorkloadIdentity } from "./labels";
import { SYNC_WAVE, syncWave } from "./sync-wave";

export interface RolloutServicesProps {
  readonly identity: WorkloadIdentity;
  readonly workload: WorkloadConfig;
}

/** The Services of a workload, by role; the Rollout, Ingress and gates refer to them. */
export function rolloutServiceNames(identity: WorkloadIdentity) {
  return {
    active: `${identity.workload}-active`,
    preview: `${identity.workload}-preview`,
    metrics: `${identity.workload}-metrics`,
  };
}

/** Marks the metrics Service, the only one the ServiceMonitor selects. */
export const METRICS_SERVICE_LABEL = "candlefish.ai/metrics";

/**
 * The port a workload's HTTP Services expose: the container's own port. The EKS network policy agent
 * matches an egress rule against the Service's port before kube-proxy translates it, so a Service whose
 * port differs from its target port (80 -> 3000) is dropped by a policy that allows the pod's port
 * (EKS user guide, "Restrict Pod network traffic with Kubernetes network policies", considerations).
 */
export function serviceHttpPort(workload: WorkloadConfig): number {
  return workload.containerPort;
}

/**
 * The Services a blue/green Rollout switches between, plus a headless metrics
 * Service. Active and preview select the same app labels: the controller adds
 * `rollouts-pod-template-hash` to each selector, which is what routes. They
 * never select the role label, which the controller flips after the switch.
 * The metrics Service selects every pod, so each is scraped exactly once.
 */
export class RolloutServices extends Construct {
  readonly activeName: string;
  readonly previewName: string;
  readonly metricsName: string;

  constructor(scope: Construct, id: string, props: RolloutServicesProps) {
    super(scope, id);
    const { identity, workload } = props;
    const names = rolloutServiceNames(identity);
    this.activeName = names.active;
    this.previewName = names.preview;
    this.metricsName = names.metrics;
    const selector = selectorLabels(identity);
    const http: k8s.ServicePort = {
      name: "http",
      port: serviceHttpPort(workload),
      targetPort: k8s.IntOrString.fromNumber(workload.containerPort),
      protocol: "TCP",
    };

    for (const name of [this.activeName, this.previewName]) {
      new k8s.KubeService(this, name, {
        metadata: { name, labels: commonLabels(identity), annotations: syncWave(SYNC_WAVE.supporting) },
        spec: { type: "ClusterIP", selector, ports: [http] },
      });
    }
    new k8s.KubeService(this, this.metricsName, {
      metadata: {
        name: this.metricsName,
        labels: { ...commonLabels(identity), [METRICS_SERVICE_LABEL]: "true" },
        annotations: syncWave(SYNC_WAVE.supporting),
      },
      spec: {
        clusterIp: "None",
        selector,
        ports: [
          {
            name: "metrics",
            port: workload.metrics.port,
            targetPort: k8s.IntOrString.fromString("metrics"),
            protocol: "TCP",
          },
        ],
      },
    });
  }
}
