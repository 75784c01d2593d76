import { describe, expect, it } from "vitest";
import { compareRenders, type ReviewedObject } from "../../src/review/compare";
import { type RiskFlag, riskFlags } from "../../src/review/risk-rules";

/**
 * Each rule of the review on one small object, before and after an edit: what a reviewer reads
 * (rule, severity, message), and the edits that must stay quiet. The committed-render cases are
 * in risk-flags.test.ts.
 */
type Body = Record<string, unknown>;

const object = (kind: string, body: Body, scope = "production", name = "website"): ReviewedObject => ({
  scope,
  file: `${kind.toLowerCase()}-${name}.yaml`,
  kind,
  name,
  body: { kind, metadata: { name, namespace: `candlefish-${scope}` }, ...body },
});

/** GIVEN an object WHEN it changes from `before` to `after` THEN these flags are raised. */
const flagsFor = (before: ReviewedObject | undefined, after: ReviewedObject | undefined): RiskFlag[] =>
  riskFlags(compareRenders(before === undefined ? [] : [before], after === undefined ? [] : [after]));

const edited = (kind: string, before: Body, after: Body, scope?: string, name?: string): RiskFlag[] =>
  flagsFor(object(kind, before, scope, name), object(kind, after, scope, name));

const rollout = (image: string) => ({
  spec: { template: { spec: { containers: [{ name: "website", image }] } } },
});

describe("risk rule: production image", () => {
  it("names both images and the promote command with the Rollout's namespace", () => {
    expect(edited("Rollout", rollout("website:v1"), rollout("website:v2"))).toEqual([
      {
        severity: "high",
        rule: "production-image",
        message:
          "production: Rollout/website: production image website:v1 → website:v2; needs `kubectl argo rollouts promote website -n candlefish-production` after its gates pass",
      },
    ]);
  });

  it("stays quiet for staging, for other kinds and for other fields of the container", () => {
    expect(edited("Rollout", rollout("website:v1"), rollout("website:v2"), "staging")).toEqual([]);
    expect(edited("Deployment", rollout("website:v1"), rollout("website:v2"))).toEqual([]);
    const named = (name: string) => ({ spec: { template: { spec: { containers: [{ name, image: "w:v1" }] } } } });
    expect(edited("Rollout", named("website"), named("web"))).toEqual([]);
  });
});

describe("risk rule: deleted resource", () => {
  it("flags a removed object as pruned by Argo CD", () => {
    expect(flagsFor(object("ConfigMap", {}), undefined)).toEqual([
      {
        severity: "high",
        rule: "resource-deleted",
        message: "production: ConfigMap/website: deleted (Argo CD prunes it)",
      },
    ]);
  });

  it("stays quiet for an added object of a kind no rule watches", () => {
    expect(flagsFor(undefined, object("ConfigMap", {}))).toEqual([]);
  });
});

describe("risk rule: NetworkPolicy loosened", () => {
  const policy = (spec: Body) => ({ spec });
  const allowFrom = (...cidrs: string[]) =>
    policy({ ingress: [{ from: cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ port: 3000 }] }] });

  it("flags a new policy with an ingress or an egress rule", () => {
    const added = (spec: Body) => flagsFor(undefined, object("NetworkPolicy", policy(spec), "production", "allow-x"));
    const expected = [
      { severity: "high", rule: "network-loosened", message: "production: NetworkPolicy/allow-x: new allow rule" },
    ];
    expect(added({ ingress: [{}] })).toEqual(expected);
    expect(added({ egress: [{}] })).toEqual(expected);
  });

  it("does not flag a new policy that only denies", () => {
    expect(flagsFor(undefined, object("NetworkPolicy", policy({ policyTypes: ["Ingress"] })))).toEqual([]);
  });

  it("flags removing the default deny, and only that one", () => {
    const deny = object(
      "NetworkPolicy",
      policy({ policyTypes: ["Ingress", "Egress"] }),
      "production",
      "default-deny-all",
    );
    expect(flagsFor(deny, undefined).map((flag) => flag.rule)).toEqual(["resource-deleted", "network-loosened"]);
    expect(flagsFor(deny, undefined)[1]?.message).toBe(
      "production: NetworkPolicy/default-deny-all: default deny removed",
    );
    const other = object("NetworkPolicy", policy({}), "production", "allow-dns");
    expect(flagsFor(other, undefined).map((flag) => flag.rule)).toEqual(["resource-deleted"]);
  });

  it("lists every widened path in its message", () => {
    expect(edited("NetworkPolicy", allowFrom("10.0.0.0/24"), allowFrom("10.0.0.0/16"))).toEqual([
      {
        severity: "high",
        rule: "network-loosened",
        message:
          "production: NetworkPolicy/website: rules, peers, ports or pods changed (spec.ingress.0.from.0.ipBlock.cidr)",
      },
    ]);
  });

  it("flags a changed pod selector and changed policy types", () => {
    const selecting = (app: string) => policy({ podSelector: { matchLabels: { app } } });
    expect(edited("NetworkPolicy", selecting("a"), selecting("b")).map((flag) => flag.rule)).toEqual([
      "network-loosened",
    ]);
    const types = (...policyTypes: string[]) => policy({ policyTypes });
    expect(edited("NetworkPolicy", types("Ingress", "Egress"), types("Ingress"))).toHaveLength(1);
  });

  it("does not flag removing a whole rule, peer or port, which narrows the policy", () => {
    expect(edited("NetworkPolicy", allowFrom("10.0.0.0/24", "10.0.1.0/24"), allowFrom("10.0.0.0/24"))).toEqual([]);
    const twoRules = policy({ egress: [{ ports: [{ port: 53 }] }, { ports: [{ port: 443 }, { port: 80 }] }] });
    const oneRule = policy({ egress: [{ ports: [{ port: 53 }] }] });
    expect(edited("NetworkPolicy", twoRules, oneRule)).toEqual([]);
    const onePort = policy({ egress: [{ ports: [{ port: 53 }] }, { ports: [{ port: 443 }] }] });
    expect(edited("NetworkPolicy", twoRules, onePort)).toEqual([]);
  });

  it("stays quiet when only a label of the policy changed", () => {
    expect(edited("NetworkPolicy", { metadata: { labels: { a: "1" } } }, { metadata: { labels: { a: "2" } } })).toEqual(
      [],
    );
  });
});

describe("risk rule: AppProject loosened", () => {
  const project = (spec: Body) => ({ spec });
  const base = {
    sourceRepos: ["https://git.example.invalid/candlefish.git"],
    destinations: [{ namespace: "candlefish-production" }],
    clusterResourceWhitelist: [],
    namespaceResourceWhitelist: [{ group: "", kind: "Service" }],
    orphanedResources: { warn: true },
    syncWindows: [{ kind: "allow", schedule: "0 7 * * 1-5" }],
  };
  const flagged = (after: Body) => edited("AppProject", project(base), project({ ...base, ...after }), "argocd");

  it("names each guardrail list that grew", () => {
    expect(
      flagged({ destinations: [...base.destinations, { namespace: "*" }], clusterResourceWhitelist: [{}] }),
    ).toEqual([
      {
        severity: "high",
        rule: "appproject-loosened",
        message: "argocd: AppProject/website: guardrails widened (spec.destinations, spec.clusterResourceWhitelist)",
      },
    ]);
  });

  it("flags a list entry replaced by another, compared as sets", () => {
    expect(flagged({ sourceRepos: ["*"] }).map((flag) => flag.message)).toEqual([
      "argocd: AppProject/website: guardrails widened (spec.sourceRepos)",
    ]);
  });

  it("does not flag a list that shrank or was reordered", () => {
    expect(flagged({ namespaceResourceWhitelist: [] })).toEqual([]);
    const two = [{ namespace: "a" }, { namespace: "b" }];
    expect(
      edited("AppProject", project({ destinations: two }), project({ destinations: [...two].reverse() }), "argocd"),
    ).toEqual([]);
  });

  it("flags switched-off orphan warnings and removed sync windows", () => {
    expect(flagged({ orphanedResources: { warn: false } }).map((flag) => flag.message)).toEqual([
      "argocd: AppProject/website: guardrails widened (spec.orphanedResources.warn)",
    ]);
    expect(flagged({ syncWindows: [] }).map((flag) => flag.message)).toEqual([
      "argocd: AppProject/website: guardrails widened (spec.syncWindows.0)",
    ]);
  });

  it("does not flag a changed sync window schedule or an added window", () => {
    expect(flagged({ syncWindows: [{ kind: "allow", schedule: "0 8 * * 1-5" }] })).toEqual([]);
  });

  it("ignores added AppProjects and other kinds with the same lists", () => {
    expect(flagsFor(undefined, object("AppProject", project(base), "argocd"))).toEqual([]);
    expect(edited("Application", project(base), project({ ...base, sourceRepos: ["*"] }), "argocd")).toEqual([]);
  });
});

describe("risk rule: capacity lowered", () => {
  it("flags a lowered HPA minimum with both numbers (medium)", () => {
    expect(edited("HorizontalPodAutoscaler", { spec: { minReplicas: 3 } }, { spec: { minReplicas: 2 } })).toEqual([
      {
        severity: "medium",
        rule: "capacity-lowered",
        message: "production: HorizontalPodAutoscaler/website: spec.minReplicas lowered 3 → 2",
      },
    ]);
  });

  it("flags a lowered PDB minimum", () => {
    expect(
      edited("PodDisruptionBudget", { spec: { minAvailable: 2 } }, { spec: { minAvailable: 1 } }).map(
        (flag) => flag.message,
      ),
    ).toEqual(["production: PodDisruptionBudget/website: spec.minAvailable lowered 2 → 1"]);
  });

  it("stays quiet when capacity rises or stays, and for the other kind's field", () => {
    expect(edited("HorizontalPodAutoscaler", { spec: { minReplicas: 3 } }, { spec: { minReplicas: 4 } })).toEqual([]);
    expect(edited("HorizontalPodAutoscaler", { spec: { maxReplicas: 20 } }, { spec: { maxReplicas: 10 } })).toEqual([]);
    expect(edited("PodDisruptionBudget", { spec: { minReplicas: 3 } }, { spec: { minReplicas: 1 } })).toEqual([]);
    expect(edited("HorizontalPodAutoscaler", { spec: { minAvailable: 3 } }, { spec: { minAvailable: 1 } })).toEqual([]);
  });
});

describe("risk rule: gate relaxed", () => {
  const template = (metrics: Body[]) => ({ spec: { metrics } });
  const gate = (successCondition: string, extra: Body = {}) => ({ name: "error-rate", successCondition, ...extra });

  it("flags a raised threshold in a success condition, naming the path", () => {
    expect(
      edited(
        "AnalysisTemplate",
        template([gate("len(result) > 0 && result[0] <= 0.001")]),
        template([gate("len(result) > 0 && result[0] <= 0.01")]),
      ),
    ).toEqual([
      {
        severity: "high",
        rule: "gate-relaxed",
        message: "production: AnalysisTemplate/website: thresholds relaxed (spec.metrics.0.successCondition)",
      },
    ]);
  });

  it("does not flag a tightened or unchanged threshold", () => {
    const before = template([gate("len(result) > 0 && result[0] <= 0.01")]);
    expect(edited("AnalysisTemplate", before, template([gate("len(result) > 0 && result[0] <= 0.001")]))).toEqual([]);
    expect(edited("AnalysisTemplate", before, template([gate("len(result) > 0 && result[0] <= 0.01 ")]))).toEqual([]);
  });

  it("reads thresholds after every comparison operator, in scientific notation too", () => {
    const relaxed = (before: string, after: string) =>
      edited("AnalysisTemplate", template([gate(before)]), template([gate(after)])).length;
    expect(relaxed("result[0] < 1e-3", "result[0] < 2e-3")).toBe(1);
    expect(relaxed("result[0] >= 5", "result[0] >= 6")).toBe(1);
    expect(relaxed("result[0] > -1", "result[0] > 0.5")).toBe(1);
    expect(relaxed("result[0] <= 0.5", "result[0] <= 0.25")).toBe(0);
  });

  it("flags a raised number in a failure condition and in a rule expression", () => {
    const failing = (failureCondition: string) => template([{ name: "latency", failureCondition }]);
    expect(edited("AnalysisTemplate", failing("result[0] > 2"), failing("result[0] > 3"))).toHaveLength(1);
    const rules = (expr: string) => ({ spec: { groups: [{ rules: [{ record: "x", expr }] }] } });
    expect(
      edited("PrometheusRule", rules("rate(x[5m]) > 0.0144"), rules("rate(x[5m]) > 0.5")).map((flag) => flag.message),
    ).toEqual(["production: PrometheusRule/website: thresholds relaxed (spec.groups.0.rules.0.expr)"]);
  });

  it("flags a removed gate or a removed condition of a gate, not a removed optional field", () => {
    const two = template([gate("result[0] <= 1"), gate("result[0] <= 2")]);
    expect(edited("AnalysisTemplate", two, template([gate("result[0] <= 1")])).map((flag) => flag.message)).toEqual([
      "production: AnalysisTemplate/website: thresholds relaxed (spec.metrics.1)",
    ]);
    const guarded = template([{ name: "g", successCondition: "result[0] <= 1", failureCondition: "result[0] > 2" }]);
    const unguarded = template([{ name: "g", successCondition: "result[0] <= 1" }]);
    expect(edited("AnalysisTemplate", guarded, unguarded)).toHaveLength(1);
    expect(
      edited("AnalysisTemplate", template([gate("result[0] <= 1", { count: 3 })]), template([gate("result[0] <= 1")])),
    ).toEqual([]);
  });

  it("flags raised failure and inconclusive limits, not lowered ones", () => {
    const limits = (failureLimit: number, inconclusiveLimit: number) =>
      template([gate("result[0] <= 1", { failureLimit, inconclusiveLimit })]);
    expect(edited("AnalysisTemplate", limits(0, 1), limits(1, 1))).toHaveLength(1);
    expect(edited("AnalysisTemplate", limits(0, 1), limits(0, 2))).toHaveLength(1);
    expect(edited("AnalysisTemplate", limits(1, 2), limits(0, 1))).toEqual([]);
  });

  it("ignores conditions of other kinds and added templates", () => {
    expect(edited("ConfigMap", template([gate("result[0] <= 1")]), template([gate("result[0] <= 9")]))).toEqual([]);
    expect(flagsFor(undefined, object("AnalysisTemplate", template([gate("result[0] <= 9")])))).toEqual([]);
  });
});

describe("risk rule: alert removed", () => {
  const rules = (...alerts: string[]) => ({
    spec: {
      groups: [
        { name: "g", rules: [{ record: "job:x", expr: "x" }, ...alerts.map((alert) => ({ alert, expr: "x > 1" }))] },
      ],
    },
  });

  it("names the alerts that are gone", () => {
    expect(edited("PrometheusRule", rules("A", "B", "C"), rules("B"))).toEqual([
      { severity: "high", rule: "alert-removed", message: "production: PrometheusRule/website: alerts removed: A, C" },
    ]);
  });

  it("flags every alert of a deleted rule object, and none of an added one", () => {
    const removed = flagsFor(object("PrometheusRule", rules("A")), undefined);
    expect(removed.map((flag) => flag.rule)).toEqual(["resource-deleted", "alert-removed"]);
    expect(flagsFor(undefined, object("PrometheusRule", rules("A")))).toEqual([]);
  });

  it("stays quiet for a renamed recording rule and for groups without rules", () => {
    expect(
      edited("PrometheusRule", rules("A"), { spec: { groups: [{ name: "g", rules: [{ alert: "A", expr: "y" }] }] } }),
    ).toEqual([]);
    expect(edited("PrometheusRule", { spec: { groups: [{ name: "g" }] } }, { spec: { groups: [] } })).toEqual([]);
  });
});

describe("risk rule: hardening weakened", () => {
  const container = (securityContext: Body | undefined, pod: Body = {}) => ({
    spec: { template: { spec: { ...pod, containers: [{ name: "w", ...(securityContext && { securityContext }) }] } } },
  });
  const hardened = {
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
  const weakenedBy = (change: Body) =>
    edited("Deployment", container(hardened), container({ ...hardened, ...change })).map((flag) => flag.message);

  it("shows the field, the old and the new value", () => {
    expect(weakenedBy({ runAsNonRoot: false })).toEqual([
      "production: Deployment/website: spec.template.spec.containers.0.securityContext.runAsNonRoot true → false",
    ]);
  });

  it("flags each weakening of the restricted profile", () => {
    expect(weakenedBy({ readOnlyRootFilesystem: false })).toHaveLength(1);
    expect(weakenedBy({ allowPrivilegeEscalation: true })).toHaveLength(1);
    expect(weakenedBy({ privileged: true })).toHaveLength(1);
    expect(weakenedBy({ capabilities: { drop: ["NET_RAW"] } })).toHaveLength(1);
    expect(weakenedBy({ capabilities: { drop: ["ALL"], add: ["NET_ADMIN"] } })).toHaveLength(1);
    expect(weakenedBy({ capabilities: {} })).toHaveLength(1);
    expect(weakenedBy({ seccompProfile: undefined })).toHaveLength(1);
    expect(edited("Deployment", container(hardened), container(undefined))).toHaveLength(1);
  });

  it("flags a seccomp profile of type Unconfined, not a Localhost one", () => {
    expect(weakenedBy({ seccompProfile: { type: "Unconfined" } })).toEqual([
      'production: Deployment/website: spec.template.spec.containers.0.securityContext.seccompProfile.type "RuntimeDefault" → "Unconfined"',
    ]);
    expect(weakenedBy({ seccompProfile: { type: "Localhost", localhostProfile: "p.json" } })).toEqual([]);
  });

  it("does not flag a hardening that got stricter", () => {
    const loose = { ...hardened, privileged: true, allowPrivilegeEscalation: true };
    expect(edited("Deployment", container(loose), container(hardened))).toEqual([]);
  });

  it("flags a pod that mounts its service account token again", () => {
    const token = (automountServiceAccountToken: boolean) => container(hardened, { automountServiceAccountToken });
    expect(edited("Deployment", token(false), token(true))).toHaveLength(1);
    expect(edited("Deployment", token(true), token(false))).toEqual([]);
  });

  it("flags a namespace leaving Pod Security restricted", () => {
    const namespace = (level: string) => ({ metadata: { labels: { "pod-security.kubernetes.io/enforce": level } } });
    expect(edited("Namespace", namespace("restricted"), namespace("baseline"))).toHaveLength(1);
    expect(edited("Namespace", namespace("baseline"), namespace("restricted"))).toEqual([]);
  });

  it("stays quiet for added objects", () => {
    expect(flagsFor(undefined, object("Deployment", container({ privileged: true })))).toEqual([]);
  });
});
