import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import { analysisTemplateNames } from "../constructs/analysis-names";
import { BlueGreenRollout } from "../constructs/blue-green-rollout";
import { DisruptionBudget } from "../constructs/disruption-budget";
import { drainTiming } from "../constructs/drain-timing";
import { imageReference } from "../constructs/image";
import type { WorkloadIdentity } from "../constructs/labels";
import { hardenedPodTemplate } from "../constructs/pod-template";
import { RolloutAutoscaler } from "../constructs/rollout-autoscaler";
import { RolloutServices } from "../constructs/rollout-services";
import { WorkloadServiceAccount } from "../constructs/workload-service-account";
import type { EnvConfig } from "../env";

/** Each workload of an env as a blue/green Rollout with its Services, HPA and PDB. */
export class WebsiteChart extends Chart {
  constructor(scope: Construct, env: EnvConfig) {
    super(scope, "website", { namespace: env.namespace, disableResourceNameHashes: true });
    for (const [workloadName, workload] of Object.entries(env.workloads)) {
      const identity: WorkloadIdentity = { env: env.name, workload: workloadName };
      const roleArn = env.infra.workloadRoleArns[workloadName];
      if (roleArn === undefined) throw new Error(`env ${env.name}: no IRSA role for ${workloadName}`); // schema rule
      const serviceAccount = new WorkloadServiceAccount(this, `${workloadName}-sa`, identity, roleArn);
      const services = new RolloutServices(this, `${workloadName}-services`, { identity, workload });
      const rollout = new BlueGreenRollout(this, `${workloadName}-rollout`, {
        identity,
        activeServiceName: services.activeName,
        previewServiceName: services.previewName,
        metricsServiceName: services.metricsName,
        analysisTemplates: analysisTemplateNames(identity),
        policy: workload.rollout,
        podTemplate: hardenedPodTemplate({
          identity,
          image: imageReference(env.image),
          workload,
          serviceAccountName: serviceAccount.name,
          zones: env.topology.zones,
          maxSkew: env.topology.maxSkew,
          drain: drainTiming(env),
        }),
      });
      new RolloutAutoscaler(this, `${workloadName}-hpa`, { identity, rolloutName: rollout.name, hpa: workload.hpa });
      new DisruptionBudget(this, `${workloadName}-pdb`, { identity, minAvailable: workload.pdb.minAvailable });
    }
  }
}
