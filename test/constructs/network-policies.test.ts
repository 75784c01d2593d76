import { describe, expect, it } from "vitest";
import { configOf, type Manifest, manifestsOf } from "../support/fixtures";

const policies = (env = "production") => manifestsOf(configOf(env)).filter((m) => m.kind === "NetworkPolicy");

/** "pods → peer:port" lines, one per allowed direction, so the whole surface reads as a table. */
function surface(direction: "ingress" | "egress", env = "production"): string[] {
  return policies(env)
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
        `website|db-backup|db-restore-check -> 0.0.0.0/0 : TCP/443`,
        `website|db-migrate|db-backup|db-restore-check -> ${data} : TCP/5432`,
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

  it("say why each rule exists", () => {
    for (const policy of policies().filter((p) => p.metadata.name !== "default-deny-all")) {
      expect(policy.metadata.annotations["candlefish.ai/reason"], policy.metadata.name).toMatch(/^[A-Z].{20,}\.$/);
    }
  });
});
