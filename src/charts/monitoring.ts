import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import { commonLabels } from "../constructs/meta";
import { DashboardConfigMap, Rules, WebsiteServiceMonitor } from "../constructs/monitoring";
import { rolloutServiceNames } from "../constructs/network";
import { businessDashboard } from "../dashboards/business";
import { infrastructureDashboard } from "../dashboards/infrastructure";
import { overviewDashboard } from "../dashboards/overview";
import { sloDashboard } from "../dashboards/slo";
import type { EnvConfig } from "../env";
import { sloRuleGroups } from "../slo/slo-rules";

const DASHBOARDS = {
  overview: overviewDashboard,
  slo: sloDashboard,
  infrastructure: infrastructureDashboard,
  business: businessDashboard,
} as const;

/** Scraping, SLO rules and alerts, and dashboards of every workload, all from the env's SLO. */
export class MonitoringChart extends Chart {
  constructor(scope: Construct, env: EnvConfig) {
    super(scope, "monitoring", { namespace: env.namespace, disableResourceNameHashes: true });
    for (const [workloadName, workload] of Object.entries(env.workloads)) {
      const identity = { env: env.name, workload: workloadName };
      const labels = commonLabels(identity);
      const target = { namespace: env.namespace, service: rolloutServiceNames(identity).metrics };
      new WebsiteServiceMonitor(this, `${workloadName}-service-monitor`, { env, identity, workload });
      new Rules(this, `${workloadName}-rules`, {
        name: `${workloadName}-slo`,
        labels: { ...labels, ...env.monitoring.prometheusSelector },
        groups: sloRuleGroups({ env, workload: workloadName, target }),
      });
      for (const [name, build] of Object.entries(DASHBOARDS)) {
        new DashboardConfigMap(this, `${workloadName}-dashboard-${name}`, {
          name: `${workloadName}-dashboard-${name}`,
          dashboard: build({ env, workload: workloadName, target }),
          labels,
        });
      }
    }
  }
}
