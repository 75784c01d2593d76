import type { Construct } from "constructs";
import {
  ServiceMonitor,
  ServiceMonitorSpecFallbackScrapeProtocol,
} from "../../imports/prometheus-operator-servicemonitors-monitoring.coreos.com";
import type { EnvConfig, WorkloadConfig } from "../env";
import { commonLabels, POD_TEMPLATE_HASH_LABEL, selectorLabels, type WorkloadIdentity } from "./labels";
import { METRICS_SERVICE_LABEL } from "./rollout-services";
import { SYNC_WAVE, syncWave } from "./sync-wave";

export interface WebsiteServiceMonitorProps {
  readonly env: EnvConfig;
  readonly identity: WorkloadIdentity;
  readonly workload: WorkloadConfig;
}

/**
 * Scrapes the headless metrics Service by its named port, so every pod is one
 * target whatever its role, and copies the pod's template hash onto its series
 * (`rollouts_pod_template_hash`): the release the gates and dashboards tell apart.
 */
export class WebsiteServiceMonitor extends ServiceMonitor {
  constructor(scope: Construct, id: string, props: WebsiteServiceMonitorProps) {
    const { env, identity, workload } = props;
    super(scope, id, {
      metadata: {
        name: identity.workload,
        labels: { ...commonLabels(identity), ...env.monitoring.prometheusSelector },
        annotations: syncWave(SYNC_WAVE.supporting),
      },
      spec: {
        selector: { matchLabels: { ...selectorLabels(identity), [METRICS_SERVICE_LABEL]: "true" } },
        namespaceSelector: { matchNames: [env.namespace] },
        podTargetLabels: [POD_TEMPLATE_HASH_LABEL],
        // Prometheus 3 refuses a scrape whose Content-Type it does not know (a bare `text/plain` from
        // some client libraries) unless told what to parse it as: the classic text format.
        fallbackScrapeProtocol: ServiceMonitorSpecFallbackScrapeProtocol.PROMETHEUS_TEXT0_0_4,
        endpoints: [
          {
            port: "metrics",
            path: workload.metrics.path,
            interval: `${env.monitoring.scrapeIntervalSeconds}s`,
            scrapeTimeout: `${Math.min(10, env.monitoring.scrapeIntervalSeconds)}s`,
          },
        ],
      },
    });
  }
}
