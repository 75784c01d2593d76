/**
 * Generated env inputs for scale: `envs` envs of `workloads` copies of a
 * template env's website workload each (the benchmark's scaling curve, the
 * parallel-render spec). Unvalidated inputs, as loadEnvironments returns them.
 */
export function generatedEnvs(template: unknown, workloads: number, envs: number): Record<string, unknown> {
  const base = structuredClone(template) as Record<string, Record<string, unknown>>;
  const website = (base.workloads as Record<string, unknown>).website;
  const nodes = (base.infra as { nodes?: { nodeGroups: { maxSize: number }[] } }).nodes;
  // Node groups grown with the workloads, so each generated env passes the capacity rule like the template.
  // A template from before the outputs carried node groups (the benchmark's baseline commit) has none to grow.
  const grown = nodes && {
    ...nodes,
    nodeGroups: nodes.nodeGroups.map((group) => ({ ...group, maxSize: group.maxSize * workloads })),
  };
  const names = Array.from({ length: workloads }, (_, index) => `web-${index + 1}`);
  const inputs: Record<string, unknown> = {};
  for (let env = 1; env <= envs; env += 1) {
    inputs[`env-${env}`] = {
      ...base,
      name: `env-${env}`,
      namespace: `candlefish-env-${env}`,
      workloads: Object.fromEntries(names.map((name) => [name, website])),
      infra: {
        ...base.infra,
        clusterName: `candlefish-env-${env}`,
        ...(grown && { nodes: grown }),
        workloadRoleArns: Object.fromEntries(names.map((name) => [name, `arn:aws:iam::123456789012:role/${name}`])),
      },
    };
  }
  return inputs;
}
