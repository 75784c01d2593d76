import type { EnvConfig } from "../env";
import { ADD_ONS, type AddOn } from "./catalog";

const minorOf = (version: string) => version.replace(/^v/, "").split(".").slice(0, 2).join(".");

/**
 * Add-on versions that must move with the cluster. The cluster autoscaler supports only the
 * Kubernetes minor it was built for (chart 9.53.0 README, Prerequisites: "Cluster autoscaler internally
 * simulates the scheduler and bugs between mismatched versions may be subtle"), so its chart's app version follows
 * platform.kubernetesVersion. One message per mismatch, in the env error format.
 */
export function addOnVersionProblems(env: EnvConfig, addOns: readonly AddOn[] = ADD_ONS): string[] {
  const autoscaler = addOns.find((addOn) => addOn.name === "cluster-autoscaler");
  if (autoscaler === undefined || minorOf(autoscaler.appVersion) === env.platform.kubernetesVersion) return [];
  return [
    `env ${env.name}: platform.kubernetesVersion: cluster-autoscaler chart ${autoscaler.version} ships ` +
      `${autoscaler.appVersion}; its minor must equal the cluster's: pin a chart that ships ` +
      `${env.platform.kubernetesVersion}.x in src/addons/catalog.ts, or keep the cluster on ` +
      `${minorOf(autoscaler.appVersion)} (got ${JSON.stringify(env.platform.kubernetesVersion)})`,
  ];
}
