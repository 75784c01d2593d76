import { describe, expect, it } from "vitest";
import { compareRenders, type ReviewedObject } from "../../src/review/compare";
import { loadRender } from "../../src/review/load";
import { markdownReport } from "../../src/review/report";
import { riskFlags } from "../../src/review/risk-rules";
import type { Manifest } from "../support/fixtures";

/** The committed render, as the base of every fixture change. */
const base = (): ReviewedObject[] => loadRender("dist", "argocd");

/** GIVEN the committed render WHEN one object is edited THEN these are the flags raised. */
function flagsAfter(scope: string, file: string, edit: (body: Manifest) => void): { rule: string; severity: string }[] {
  const before = base();
  const after = structuredClone(before);
  const target = after.find((object) => object.scope === scope && object.file === file);
  if (target === undefined) throw new Error(`no ${scope}/${file} in the committed render`);
  edit(target.body as Manifest);
  return riskFlags(compareRenders(before, after)).map(({ rule, severity }) => ({ rule, severity }));
}

describe("risk flags", () => {
  it("raises nothing when nothing changed", () => {
    expect(riskFlags(compareRenders(base(), base()))).toEqual([]);
  });

  it("flags a production image change as needing a manual promote", () => {
    const flags = flagsAfter("production", "rollout-website.yaml", (r) => {
      r.spec.template.spec.containers[0].image = "candlefish/website:v9.9.9";
    });
    expect(flags).toEqual([{ rule: "production-image", severity: "high" }]);
  });

  it("does not flag a staging image change (staging promotes itself)", () => {
    expect(
      flagsAfter("staging", "rollout-website.yaml", (r) => {
        r.spec.template.spec.containers[0].image = "candlefish/website:v9.9.9";
      }),
    ).toEqual([]);
  });

  it("flags a deleted resource", () => {
    const before = base();
    const after = before.filter(
      (object) => !(object.scope === "production" && object.file === "poddisruptionbudget-website.yaml"),
    );
    expect(riskFlags(compareRenders(before, after)).map((f) => f.rule)).toEqual(["resource-deleted"]);
  });

  it("flags a NetworkPolicy that lets more in", () => {
    const flags = flagsAfter("production", "networkpolicy-allow-website-from-load-balancer.yaml", (p) => {
      p.spec.ingress[0].from.push({ ipBlock: { cidr: "0.0.0.0/0" } });
    });
    expect(flags).toEqual([{ rule: "network-loosened", severity: "high" }]);
  });

  it("flags a default deny that stops denying egress", () => {
    const flags = flagsAfter("production", "networkpolicy-default-deny-all.yaml", (p) => {
      p.spec.policyTypes = ["Ingress"];
    });
    expect(flags).toEqual([{ rule: "network-loosened", severity: "high" }]);
  });

  it("flags a rule that loses its port list (all ports open)", () => {
    const flags = flagsAfter("production", "networkpolicy-allow-website-from-monitoring.yaml", (p) => {
      delete p.spec.ingress[0].ports;
    });
    expect(flags).toEqual([{ rule: "network-loosened", severity: "high" }]);
  });

  it("does not flag a removed peer, which narrows a policy", () => {
    const flags = flagsAfter("production", "networkpolicy-allow-website-from-load-balancer.yaml", (p) => {
      p.spec.ingress[0].from.pop();
    });
    expect(flags).toEqual([]);
  });

  it("flags an AppProject whose source repo was replaced by a wildcard", () => {
    const flags = flagsAfter("argocd", "apps/appproject-candlefish.yaml", (p) => {
      p.spec.sourceRepos = ["*"];
    });
    expect(flags).toEqual([{ rule: "appproject-loosened", severity: "high" }]);
  });

  it("flags an AppProject whose whitelist grew", () => {
    const flags = flagsAfter("argocd", "apps/appproject-candlefish.yaml", (p) => {
      p.spec.namespaceResourceWhitelist.push({ group: "rbac.authorization.k8s.io", kind: "RoleBinding" });
    });
    expect(flags).toEqual([{ rule: "appproject-loosened", severity: "high" }]);
  });

  it("flags a lowered HPA minimum", () => {
    expect(flagsAfter("production", "horizontalpodautoscaler-website.yaml", (h) => (h.spec.minReplicas = 2))).toEqual([
      { rule: "capacity-lowered", severity: "medium" },
    ]);
  });

  it("flags a lowered PDB", () => {
    expect(flagsAfter("production", "poddisruptionbudget-website.yaml", (p) => (p.spec.minAvailable = 1))).toEqual([
      { rule: "capacity-lowered", severity: "medium" },
    ]);
  });

  it("flags a relaxed analysis threshold", () => {
    const flags = flagsAfter("production", "analysistemplate-website-post-promotion.yaml", (t) => {
      t.spec.metrics[0].successCondition = "len(result) > 0 && result[0] <= 0.05";
    });
    expect(flags).toEqual([{ rule: "gate-relaxed", severity: "high" }]);
  });

  it("flags a relaxed SLO alert threshold", () => {
    const flags = flagsAfter("production", "prometheusrule-website-slo.yaml", (rule) => {
      const alerts = rule.spec.groups.flatMap((g: Manifest) => g.rules).filter((r: Manifest) => r.alert);
      alerts[0].expr = alerts[0].expr.replaceAll("> 0.0144", "> 0.5");
    });
    expect(flags).toEqual([{ rule: "gate-relaxed", severity: "high" }]);
  });

  it("flags a gate removed from an AnalysisTemplate", () => {
    const flags = flagsAfter("production", "analysistemplate-website-post-promotion.yaml", (t) => {
      t.spec.metrics.pop();
    });
    expect(flags).toEqual([{ rule: "gate-relaxed", severity: "high" }]);
  });

  it("flags a removed alert", () => {
    const flags = flagsAfter("production", "prometheusrule-website-slo.yaml", (rule) => {
      const group = rule.spec.groups.find((g: Manifest) => g.name === "website-operational-alerts");
      group.rules = group.rules.filter((r: Manifest) => r.alert !== "PodCrashLooping");
    });
    expect(flags.map((f) => f.rule)).toEqual(["alert-removed"]);
  });

  it("flags weakened container hardening", () => {
    const flags = flagsAfter("production", "rollout-website.yaml", (r) => {
      r.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false;
    });
    expect(flags).toEqual([{ rule: "hardening-weakened", severity: "high" }]);
  });

  it("flags a container that loses its whole securityContext", () => {
    const flags = flagsAfter("production", "cronjob-db-backup.yaml", (c) => {
      delete c.spec.jobTemplate.spec.template.spec.containers[0].securityContext;
    });
    expect(flags).toEqual([{ rule: "hardening-weakened", severity: "high" }]);
  });

  it("flags a namespace leaving Pod Security `restricted`", () => {
    const flags = flagsAfter("production", "namespace-candlefish-production.yaml", (n) => {
      n.metadata.labels["pod-security.kubernetes.io/enforce"] = "baseline";
    });
    expect(flags).toEqual([{ rule: "hardening-weakened", severity: "high" }]);
  });

  it("reports field-level changes and the flags in Markdown", () => {
    const before = base();
    const after = structuredClone(before);
    const hpa = after.find((o) => o.scope === "production" && o.kind === "HorizontalPodAutoscaler");
    if (hpa === undefined) throw new Error("production renders no HPA");
    (hpa.body as Manifest).spec.maxReplicas = 30;
    const changes = compareRenders(before, after);
    const report = markdownReport("main", changes, riskFlags(changes));
    expect(report).toContain("No risk flags.");
    expect(report).toContain("## production\n\n0 added, 0 removed, 1 changed");
    expect(report).toContain("- `spec.maxReplicas`: `20` → `30`");
  });
});
