import { describe, expect, it } from "vitest";
import { configOf, find, type Manifest, manifestsOf } from "../support/fixtures";

/**
 * What the EKS network policy agent needs beyond standard NetworkPolicy semantics (cyclonus checks
 * those, docs/reachability.md): it matches a pod's egress against the Service's port before
 * kube-proxy translates it to the target port, so a Service whose port differs from its target port
 * is dropped by a policy that allows the pod's port (EKS user guide, network policy considerations).
 */
const manifests = (env: string) => manifestsOf(configOf(env));

/** The container ports of the Rollout's pods by name: what a named targetPort resolves to. */
function namedPorts(objects: Manifest[]): Map<string, number> {
  const rollout = find(objects, "Rollout", "website");
  const containers = rollout.spec.template.spec.containers as Manifest[];
  return new Map(containers.flatMap((c) => (c.ports ?? []) as Manifest[]).map((p) => [p.name, p.containerPort]));
}

/** Every in-cluster URL the release checks call: web metrics and the smoke Job's URL. */
function inClusterUrls(objects: Manifest[]): string[] {
  return objects
    .filter((object) => object.kind === "AnalysisTemplate")
    .flatMap((template) => template.spec.metrics as Manifest[])
    .flatMap((metric) => [
      ...(metric.provider.web ? [metric.provider.web.url as string] : []),
      ...((metric.provider.job?.spec.template.spec.containers ?? []) as Manifest[])
        .flatMap((container) => (container.env ?? []) as Manifest[])
        .filter((variable) => variable.name === "URL")
        .map((variable) => variable.value as string),
    ])
    .filter((url) => url.includes(".svc.cluster.local"));
}

describe.each(["staging", "production"])("what the EKS network policy agent enforces in %s", (env) => {
  it("gives every Service a port equal to the container port it targets", () => {
    const objects = manifests(env);
    const ports = namedPorts(objects);
    for (const service of objects.filter((object) => object.kind === "Service")) {
      for (const port of service.spec.ports as Manifest[]) {
        const target = typeof port.targetPort === "string" ? ports.get(port.targetPort) : port.targetPort;
        expect(target, `${service.metadata.name}:${port.name}`).toBe(port.port);
      }
    }
  });

  it("calls the preview Service on its own port, which the smoke Job's egress policy allows", () => {
    const objects = manifests(env);
    const preview = find(objects, "Service", "website-preview");
    const servicePorts = (preview.spec.ports as Manifest[]).map((port) => port.port);
    const smokeEgress = find(objects, "NetworkPolicy", "allow-website-smoke-test-egress");
    const allowed = (smokeEgress.spec.egress[0].ports as Manifest[]).map((port) => port.port);
    const urls = inClusterUrls(objects);
    expect(urls.length).toBeGreaterThanOrEqual(2);
    for (const url of urls) {
      // An explicit port: without one the caller goes to :80, which no Service exposes any more.
      const port = Number(/:(\d+)\//.exec(url.replace("http://", ""))?.[1]);
      expect(servicePorts, url).toContain(port);
      expect(allowed, url).toContain(port);
    }
  });
});
