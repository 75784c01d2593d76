import { posix } from "node:path";
import { capacityTable } from "../capacity/table";
import { envApplicationName } from "../charts/argocd";
import { imageReference } from "../constructs/meta/image";
import type { EnvConfig } from "../env";
import { ALERTS } from "../slo/alert-catalog";
import { releaseGates } from "../slo/gates";
import type { RenderedFile } from "./manifests";

const percent = (ratio: number) => `${Number((ratio * 100).toPrecision(6))} %`;

/** dist/<env>/README.md: the one page an on-call engineer reads about this env. */
export function envSummary(env: EnvConfig, runbookBase: string): RenderedFile {
  const gates = releaseGates(env.slo);
  const lines = [
    `# ${env.name}: on-call summary`,
    "",
    `Rendered from \`src/env/${env.name}.ts\` by \`npm run synth\`; do not edit.`,
    "",
  ];
  for (const [name, workload] of Object.entries(env.workloads)) {
    const { hpa, rollout, analysis } = workload;
    const promote = `kubectl argo rollouts promote ${name} -n ${env.namespace}`;
    const image = imageReference(env.image);
    lines.push(
      `## ${name}`,
      "",
      "| | |",
      "| --- | --- |",
      `| image | \`${image}\` |`,
      `| where | namespace \`${env.namespace}\` on cluster \`${env.infra.clusterName}\`; https://${env.domain}${env.ingress.previewHost ? ` (preview, internal: https://${env.ingress.previewHost})` : ""} |`,
      `| replicas | ${hpa.minReplicas}–${hpa.maxReplicas} (HPA at CPU ${hpa.targetCpuUtilization} %, memory ${hpa.targetMemoryUtilization} %); PDB keeps ${workload.pdb.minAvailable} |`,
      `| release | blue/green, ${rollout.autoPromotionEnabled ? "promotes itself after the pre-promotion gates" : `waits for \`${promote}\``}; old pods kept ${rollout.scaleDownDelaySeconds} s after they stop serving (${rollout.scaleDownDelayRevisionLimit} old version at most) |`,
      `| abort | \`kubectl argo rollouts abort ${name} -n ${env.namespace}\`, then revert the image change in Git |`,
      `| roll back after a promotion | revert the image change in Git; Argo CD syncs it (\`argocd app sync ${envApplicationName(env)}\` to not wait). Never \`kubectl argo rollouts undo\`: self-heal puts the bad version back ([docs/rollouts.md](${posix.join(runbookBase, "..", "rollouts.md")}#emergency-rollback-after-a-promotion)) |`,
      "",
      `### Release gates (SLO: availability ${percent(env.slo.availability)}, p95 < ${env.slo.latencyP95Seconds} s, errors < ${percent(env.slo.errorRate)})`,
      "",
      "| gate | on | passes when |",
      "| --- | --- | --- |",
      `| health probe | preview Service | \`${workload.healthPath}\` answers \`{"status":"ok"}\` 6 times, 10 s apart |`,
      `| smoke Job | preview Service | at most ${gates.allowedSmokeFailures(analysis.prePromotion.smokeRequests)} of ${analysis.prePromotion.smokeRequests} requests fail |`,
      `| error rate | preview, then active | ≤ ${percent(gates.maxErrorRatio)}: ${analysis.prePromotion.count} × ${analysis.prePromotion.intervalSeconds} s before, ${analysis.postPromotion.count} × ${analysis.postPromotion.intervalSeconds} s after the switch |`,
      `| p95 latency | preview, then active | ≤ ${gates.maxP95Seconds} s, same timing |`,
      "",
    );
  }
  lines.push(...capacityTable(env));
  lines.push("## Alerts", "", "| alert | severity | runbook |", "| --- | --- | --- |");
  for (const alert of Object.values(ALERTS)) {
    lines.push(`| ${alert.name} | ${alert.severity} | [${alert.runbook}](${runbookBase}/${alert.runbook}.md) |`);
  }
  return { name: "README.md", content: `${lines.join("\n")}\n` };
}
