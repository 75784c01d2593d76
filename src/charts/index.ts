import type { Chart } from "cdk8s";
import type { Construct } from "constructs";
import type { EnvConfig } from "../env";
import { AnalysisChart } from "./analysis";
import { JobsChart } from "./jobs";
import { MonitoringChart } from "./monitoring";
import { NetworkChart } from "./network";
import { RestoreDrillChart } from "./restore-drill";
import { SecurityChart } from "./security";
import { WebsiteChart } from "./website";

/** Every chart of an env: one per concern. */
export function composeCharts(scope: Construct, env: EnvConfig): Chart[] {
  return [
    new SecurityChart(scope, env),
    new NetworkChart(scope, env),
    new WebsiteChart(scope, env),
    new AnalysisChart(scope, env),
    new JobsChart(scope, env),
    new MonitoringChart(scope, env),
    new RestoreDrillChart(scope, env),
  ];
}
