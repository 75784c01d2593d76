import { beforeAll, describe, expect, it } from "vitest";
import { errorRatioQuery, latencyP95Query } from "../../src/slo/promql";
import { configOf, type Manifest, manifestsOf } from "../support/fixtures";

/** Every PromQL expression in an env's output: gates, rules, dashboard panels. */
function renderedQueries(env: string): { where: string; query: string }[] {
  const manifests = manifestsOf(configOf(env));
  const gates = manifests
    .filter((m) => m.kind === "AnalysisTemplate")
    .flatMap((m) => m.spec.metrics as Manifest[])
    .filter((metric) => metric.provider.prometheus !== undefined)
    .map((metric) => ({ where: `gate ${metric.name}`, query: metric.provider.prometheus.query as string }));
  const rules = manifests
    .filter((m) => m.kind === "PrometheusRule")
    .flatMap((m) => m.spec.groups as Manifest[])
    .flatMap((group) => group.rules as Manifest[])
    .map((rule) => ({ where: `rule ${rule.alert ?? rule.record}`, query: rule.expr as string }));
  const panels = manifests
    .filter((m) => m.kind === "ConfigMap" && m.metadata.labels.grafana_dashboard === "1")
    .flatMap((m) => Object.values(m.data as Record<string, string>).map((json) => JSON.parse(json)))
    .flatMap((dashboard) => dashboard.panels as Manifest[])
    .flatMap((panel) =>
      (panel.targets as Manifest[]).map((t) => ({ where: `panel ${panel.title}`, query: t.expr as string })),
    );
  return [...gates, ...rules, ...panels];
}

// lezer-promql ships only as an ES module; this CommonJS project loads it dynamically.
let parser: typeof import("@prometheus-io/lezer-promql", { with: { "resolution-mode": "import" }})["parser"];
beforeAll(async () => {
  ({ parser } = await import("@prometheus-io/lezer-promql"));
});

function syntaxErrors(query: string): string[] {
  const errors: string[] = [];
  parser.parse(query).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`error at ${node.from}: ${query.slice(node.from, node.to + 10)}`);
    },
  });
  return errors;
}

describe("PromQL hygiene", () => {
  for (const env of ["staging", "production"]) {
    it(`parses every rendered ${env} expression (gates, rules, panels) with lezer-promql`, () => {
      const queries = renderedQueries(env);
      expect(queries.filter((q) => q.where.startsWith("gate")).length).toBe(4);
      expect(queries.filter((q) => q.where.startsWith("rule")).length).toBeGreaterThan(40);
      expect(queries.filter((q) => q.where.startsWith("panel")).length).toBeGreaterThan(15);
      for (const { where, query } of queries) expect(syntaxErrors(query), `${where}: ${query}`).toEqual([]);
    });
  }

  it("notices a syntax error (the check can fail)", () => {
    expect(syntaxErrors("sum(rate(http_requests_total[2m])")).not.toEqual([]);
  });

  it("guards the error-ratio numerator with `or vector(0)`", () => {
    const query = errorRatioQuery(120);
    expect(query.startsWith("(sum(rate(http_requests_total{")).toBe(true);
    expect(query).toContain('code=~"5.."}[120s])) or vector(0))\n/\nsum(rate(http_requests_total{');
  });

  it("takes p95 from the duration histogram over the configured window", () => {
    expect(latencyP95Query(300)).toMatch(
      /^histogram_quantile\(0\.95, sum by \(le\) \(rate\(http_request_duration_seconds_bucket\{.*\}\[300s\]\)\)\)$/,
    );
  });
});
