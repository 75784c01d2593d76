import type { EnvConfig } from "../env";
import type { SliTarget } from "../slo/sli";

/** What every dashboard of one workload needs to know. */
export interface DashboardContext {
  readonly env: EnvConfig;
  readonly workload: string;
  readonly target: SliTarget;
}

/** Grafana uids are at most 40 characters and must not change between renders. */
export function dashboardUid(context: DashboardContext, name: string): string {
  return `cf-${context.env.name}-${context.workload}-${name}`.slice(0, 40);
}
