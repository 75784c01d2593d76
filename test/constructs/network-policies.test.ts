import { describe, expect, it } from "vitest";
import { configOf, type Manifest, manifestsOf } from "../support/fixtures";

const policies = (env = "production", namespace = `candlefish-${env}`) =>
  manifestsOf(configOf(env)).filter((m) => m.kind === "NetworkPolicy" && m.metadata.namespace === namespace);

/** "pods → peer:port" lines, one per allowed direction, so the whole surface reads as a table. */
function surface(direction: "ingress" | "egress", env = "production", namespace = `candlefish-${env}`): string[] {
  return policies(env, namespace)
    .filter((policy) => policy.spec[direction] !== undefined)
    .flatMap((policy) => {
      const pods = policy.spec.podSelector.matchExpressions?.[0]?.values.join("|") ?? "*";
      return (policy.spec[direction] as Manifest[]).flatMap((rule) => {
        const peers = (direction === "ingress" ? rule.from : rule.to) as Manifest[];
        const peer = peers
          .map((p) =>
            p.ipBlock
              ? p.ipBlock.cidr
              : [
                  p.namespaceSelector ? `ns=${p.namespaceSelector.matchLabels["kubernetes.io/metadata.name"]}` : "",
                  p.podSelector ? `pod=${Object.values(p.podSelector.matchLabels).join(",")}` : "",
                ]
                  .filter(Boolean)
                  .join(" "),
          )
          .join(" + ");
        const ports = (rule.ports as Manifest[]).map((port) => `${port.protocol}/${port.port}`).join(",");
        return [`${pods} -> ${peer} : ${ports}`];
      });
    })
    .sort();
}

describe("NetworkPolicies", () => {
  it("deny all ingress and egress by default", () => {
    const deny = policies().find((p) => p.metadata.name === "default-deny-all");
    expect(deny?.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
  });

  it("allow exactly this egress and nothing else", () => {
    const data = "10.0.20.0/24 + 10.0.21.0/24 + 10.0.22.0/24";
    expect(surface("egress")).toEqual(
      [
        "* -> ns=kube-system pod=kube-dns : UDP/53,TCP/53",
        `website -> ${data} : TCP/6379`,
        `website-smoke-test -> pod=website : TCP/3000`,
        `website|db-migrate|db-backup -> 0.0.0.0/0 : TCP/443`,
        `website|db-migrate|db-backup -> ${data} : TCP/5432`,
      ].sort(),
    );
  });

  it("allow exactly this ingress and nothing else", () => {
    const albSubnets = "10.0.0.0/24 + 10.0.1.0/24 + 10.0.2.0/24";
    expect(surface("ingress")).toEqual(
      [
        `website -> ${albSubnets} : TCP/http`,
        "website -> ns=monitoring pod=prometheus : TCP/metrics",
        "website -> pod=website-smoke-test + ns=argo-rollouts : TCP/http",
      ].sort(),
    );
  });

  it("admit the load balancers' public subnets only, never the private subnets every pod lives in", () => {
    const input = configOf("production");
    for (const config of [input, { ...input, ingress: { ...input.ingress, previewHost: undefined } }]) {
      const alb = manifestsOf(config).find((m) => m.metadata.name === "allow-website-from-load-balancer");
      const cidrs = alb?.spec.ingress[0].from.map((peer: Manifest) => peer.ipBlock.cidr);
      expect(cidrs).toEqual(input.infra.publicSubnetCidrs);
      for (const privateCidr of input.infra.privateSubnetCidrs) expect(cidrs).not.toContain(privateCidr);
    }
  });

  it("let the restore drill's namespace reach DNS and HTTPS only: no database port, no ingress at all", () => {
    const drill = "candlefish-production-restore-drill";
    expect(policies("production", drill).map((p) => p.metadata.name)).toContain("restore-drill-default-deny-all");
    expect(surface("egress", "production", drill)).toEqual(
      ["* -> ns=kube-system pod=kube-dns : UDP/53,TCP/53", "db-restore-drill -> 0.0.0.0/0 : TCP/443"].sort(),
    );
    expect(surface("ingress", "production", drill)).toEqual([]);
  });

  it("say why each rule exists", () => {
    const all = [...policies(), ...policies("production", "candlefish-production-restore-drill")];
    for (const policy of all.filter((p) => !p.metadata.name.endsWith("default-deny-all"))) {
      expect(policy.metadata.annotations["candlefish.ai/reason"], policy.metadata.name).toMatch(/^[A-Z].{20,}\.$/);
    }
  });
});
