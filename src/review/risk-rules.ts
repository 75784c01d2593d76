import { type FieldChange, type ResourceChange, subject } from "./compare";

export type Severity = "high" | "medium";

export interface RiskFlag {
  readonly severity: Severity;
  readonly rule: string;
  readonly message: string;
}

type Rule = (change: ResourceChange) => RiskFlag[];
type Body = Record<string, unknown>;

const at = (body: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((node, part) => (node as Body | undefined)?.[part], body);

const where = (change: ResourceChange) => {
  const object = subject(change);
  return `${object.scope}: ${object.kind}/${object.name}`;
};

const changedFields = (change: ResourceChange, pattern: RegExp): FieldChange[] =>
  change.change === "changed" ? change.fields.filter((field) => pattern.test(field.path)) : [];

/** Every number in a condition or expression after a comparison: `result[0] <= 0.001` → [0.001]. */
const thresholds = (text: unknown): number[] =>
  typeof text === "string" ? [...text.matchAll(/[<>]=?\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)/g)].map((m) => Number(m[1])) : [];

const flag = (severity: Severity, rule: string, message: string): RiskFlag => ({ severity, rule, message });

const productionImageChange: Rule = (change) =>
  subject(change).scope === "production" && subject(change).kind === "Rollout"
    ? changedFields(change, /^spec\.template\.spec\.containers\.\d+\.image$/).map((field) =>
        flag(
          "high",
          "production-image",
          `${where(change)}: production image ${String(field.before)} → ${String(field.after)}; needs \`kubectl argo rollouts promote ${subject(change).name} -n ${String(at(subject(change).body, "metadata.namespace"))}\` after its gates pass`,
        ),
      )
    : [];

const resourceDeleted: Rule = (change) =>
  change.change === "removed"
    ? [flag("high", "resource-deleted", `${where(change)}: deleted (Argo CD prunes it)`)]
    : [];

/** Removing a whole rule, peer or port narrows a policy; any other change may widen it. */
const NARROWING_REMOVAL = /^spec\.(ingress|egress)\.\d+(\.(from|to|ports)\.\d+)?$/;

const networkPolicyLoosened: Rule = (change) => {
  const object = subject(change);
  if (object.kind !== "NetworkPolicy") return [];
  if (change.change === "added") {
    const body = change.after.body;
    const opens = at(body, "spec.ingress") !== undefined || at(body, "spec.egress") !== undefined;
    return opens ? [flag("high", "network-loosened", `${where(change)}: new allow rule`)] : [];
  }
  if (change.change === "removed" && object.name === "default-deny-all") {
    return [flag("high", "network-loosened", `${where(change)}: default deny removed`)];
  }
  const widened = changedFields(change, /^spec\.(ingress|egress|policyTypes|podSelector)/).filter(
    (field) => !(field.after === undefined && NARROWING_REMOVAL.test(field.path)),
  );
  return widened.length > 0
    ? [
        flag(
          "high",
          "network-loosened",
          `${where(change)}: rules, peers, ports or pods changed (${widened.map((f) => f.path).join(", ")})`,
        ),
      ]
    : [];
};

const GUARDRAIL_LISTS = ["sourceRepos", "destinations", "clusterResourceWhitelist", "namespaceResourceWhitelist"];

const appProjectLoosened: Rule = (change) => {
  if (subject(change).kind !== "AppProject" || change.change !== "changed") return [];
  // Compare the lists as sets: a replaced entry ("*" for a repo) is as loose as an added one.
  const grown = GUARDRAIL_LISTS.filter((list) => {
    const before = new Set(
      ((at(change.before.body, `spec.${list}`) as unknown[]) ?? []).map((entry) => JSON.stringify(entry)),
    );
    return ((at(change.after.body, `spec.${list}`) as unknown[]) ?? []).some(
      (entry) => !before.has(JSON.stringify(entry)),
    );
  });
  const relaxed = changedFields(change, /^spec\.(orphanedResources\.warn|syncWindows)/).filter(
    (field) => field.after === undefined || field.after === false,
  );
  const what = [...grown.map((list) => `spec.${list}`), ...relaxed.map((field) => field.path)];
  return what.length > 0
    ? [flag("high", "appproject-loosened", `${where(change)}: guardrails widened (${what.join(", ")})`)]
    : [];
};

const capacityLowered: Rule = (change) => {
  const lowered = [
    ...(subject(change).kind === "HorizontalPodAutoscaler" ? changedFields(change, /^spec\.minReplicas$/) : []),
    ...(subject(change).kind === "PodDisruptionBudget" ? changedFields(change, /^spec\.minAvailable$/) : []),
  ].filter((field) => Number(field.after) < Number(field.before));
  return lowered.map((field) =>
    flag(
      "medium",
      "capacity-lowered",
      `${where(change)}: ${field.path} lowered ${String(field.before)} → ${String(field.after)}`,
    ),
  );
};

const gateRelaxed: Rule = (change) => {
  const kind = subject(change).kind;
  if (change.change !== "changed" || (kind !== "AnalysisTemplate" && kind !== "PrometheusRule")) return [];
  const relaxed = change.fields.filter((field) => {
    // A whole gate, or one of its conditions, gone: nothing left to fail on.
    if (
      kind === "AnalysisTemplate" &&
      field.after === undefined &&
      /^spec\.metrics\.\d+(\.(successCondition|failureCondition))?$/.test(field.path)
    ) {
      return true;
    }
    if (/(successCondition|failureCondition|\.expr)$/.test(field.path)) {
      const [before, after] = [thresholds(field.before), thresholds(field.after)];
      return before.some((value, index) => (after[index] ?? value) > value);
    }
    return /(failureLimit|inconclusiveLimit)$/.test(field.path) && Number(field.after) > Number(field.before);
  });
  return relaxed.length > 0
    ? [
        flag(
          "high",
          "gate-relaxed",
          `${where(change)}: thresholds relaxed (${relaxed.map((f) => `${f.path}`).join(", ")})`,
        ),
      ]
    : [];
};

const alertRemoved: Rule = (change) => {
  const names = (body: unknown) =>
    ((at(body, "spec.groups") as Body[] | undefined) ?? []).flatMap((group) =>
      ((group.rules as Body[] | undefined) ?? [])
        .map((rule) => rule.alert)
        .filter((name): name is string => typeof name === "string"),
    );
  if (subject(change).kind !== "PrometheusRule") return [];
  const before = change.change === "added" ? [] : names(change.before.body);
  const after = change.change === "removed" ? [] : names(change.after.body);
  const gone = before.filter((name) => !after.includes(name));
  return gone.length > 0 ? [flag("high", "alert-removed", `${where(change)}: alerts removed: ${gone.join(", ")}`)] : [];
};

/** Field values that make a pod weaker than Pod Security `restricted` plus a read-only root. */
const WEAKENED: { path: RegExp; weak: (value: unknown) => boolean }[] = [
  {
    path: /(securityContext|securityContext\.capabilities|securityContext\.capabilities\.drop)$/,
    weak: (v) => v === undefined,
  },
  { path: /securityContext\.runAsNonRoot$/, weak: (v) => v !== true },
  { path: /securityContext\.readOnlyRootFilesystem$/, weak: (v) => v !== true },
  { path: /securityContext\.allowPrivilegeEscalation$/, weak: (v) => v !== false },
  { path: /securityContext\.privileged$/, weak: (v) => v === true },
  { path: /securityContext\.capabilities\.drop\.\d+$/, weak: (v) => v !== "ALL" },
  { path: /securityContext\.capabilities\.add/, weak: (v) => v !== undefined },
  { path: /securityContext\.seccompProfile/, weak: (v) => v === undefined || v === "Unconfined" },
  { path: /automountServiceAccountToken$/, weak: (v) => v !== false },
  { path: /^metadata\.labels\.pod-security\.kubernetes\.io\/enforce$/, weak: (v) => v !== "restricted" },
];

const hardeningWeakened: Rule = (change) => {
  if (change.change !== "changed") return [];
  const weakened = change.fields.filter((field) =>
    WEAKENED.some((rule) => rule.path.test(field.path) && rule.weak(field.after)),
  );
  return weakened.length > 0
    ? [
        flag(
          "high",
          "hardening-weakened",
          `${where(change)}: ${weakened.map((f) => `${f.path} ${JSON.stringify(f.before)} → ${JSON.stringify(f.after)}`).join("; ")}`,
        ),
      ]
    : [];
};

export const RULES: readonly Rule[] = [
  productionImageChange,
  resourceDeleted,
  networkPolicyLoosened,
  appProjectLoosened,
  capacityLowered,
  gateRelaxed,
  alertRemoved,
  hardeningWeakened,
];

export function riskFlags(changes: readonly ResourceChange[]): RiskFlag[] {
  return changes.flatMap((change) => RULES.flatMap((rule) => rule(change)));
}
