import { beforeAll, describe, expect, it } from "vitest";
import { errorRatioQuery, latencyP95Query } from "../../src/slo/promql";
import { configOf, type Manifest, manifestsOf } from "../support/fixtures";

/** Every Prometheus query in an env's rendered output. */
function renderedQueries(env: string): string[] {
  return manifestsOf(configOf(env))
    .filter((m) => m.kind === "AnalysisTemplate")
    .flatMap((m) => m.spec.metrics as Manifest[])
    .map((metric) => metric.provider.prometheus?.query)
    .filter((query): query is string => typeof query === "string");
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
    it(`parses every rendered ${env} query with lezer-promql`, () => {
      const queries = renderedQueries(env);
      expect(queries.length).toBe(4);
      for (const query of queries) expect(syntaxErrors(query), query).toEqual([]);
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
