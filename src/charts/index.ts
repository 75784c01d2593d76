import type { Chart } from "cdk8s";
import type { Construct } from "constructs";
import type { EnvConfig } from "../env";
import { AnalysisChart } from "./analysis";
import { WebsiteChart } from "./website";

/** Every chart of an env, in the order their objects should be listed. */
export function composeCharts(scope: Construct, env: EnvConfig): Chart[] {
  return [new WebsiteChart(scope, env), new AnalysisChart(scope, env)];
}
