import { k8s } from "cdk8s-plus-28";
import type { Construct } from "constructs";
import { SYNC_OPTIONS_ANNOTATION } from "../../addons/sync-options";
import type { Dashboard } from "../../dashboards/model";
import { SYNC_WAVE, syncWave } from "../meta/sync-wave";

/**
 * Client-side apply keeps the whole object in an annotation capped at 256 KiB;
 * past this size the ConfigMap is applied server-side instead.
 */
export const SERVER_SIDE_APPLY_BYTES = 200 * 1024;

export interface DashboardConfigMapProps {
  readonly name: string;
  readonly dashboard: Dashboard;
  readonly labels: Record<string, string>;
}

/** The dashboard JSON serialized once, deterministically (keys in construction order). */
export function dashboardJson(dashboard: Dashboard): string {
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}

/** A dashboard the Grafana sidecar of kube-prometheus-stack picks up by its label. */
export class DashboardConfigMap extends k8s.KubeConfigMap {
  constructor(scope: Construct, id: string, props: DashboardConfigMapProps) {
    const json = dashboardJson(props.dashboard);
    const large = Buffer.byteLength(json) > SERVER_SIDE_APPLY_BYTES;
    super(scope, id, {
      metadata: {
        name: props.name,
        labels: { ...props.labels, grafana_dashboard: "1" },
        annotations: {
          ...syncWave(SYNC_WAVE.supporting),
          grafana_folder: "Candlefish",
          ...(large ? { [SYNC_OPTIONS_ANNOTATION]: "ServerSideApply=true" } : {}),
        },
      },
      data: { [`${props.name}.json`]: json },
    });
  }
}
