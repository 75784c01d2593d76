import { describe, expect, it } from "vitest";
import { parseEnvConfig } from "../../src/env";
import { configOf, find, inputOf, type Manifest, manifestsOf, setAt } from "../support/fixtures";

const templateOf = (manifests: Manifest[], name: string) => find(manifests, "AnalysisTemplate", name);
const metric = (template: Manifest, name: string): Manifest => {
  const found = template.spec.metrics.find((m: Manifest) => m.name === name);
  if (found === undefined) throw new Error(`no metric ${name}`);
  return found;
};

describe("release gates derived from the SLO", () => {
  it("sets every Prometheus threshold from slo.errorRate and slo.latencyP95Seconds", () => {
    const manifests = manifestsOf(configOf("production"));
    for (const [template, errors, latency] of [
      ["website-pre-promotion", "preview-error-rate", "preview-latency-p95"],
      ["website-post-promotion", "error-rate", "latency-p95"],
    ] as const) {
      const analysis = templateOf(manifests, template);
      expect(metric(analysis, errors).successCondition).toBe("len(result) > 0 && result[0] <= 0.001");
      expect(metric(analysis, errors).failureCondition).toBe("len(result) > 0 && result[0] > 0.001");
      expect(metric(analysis, latency).successCondition).toBe("len(result) > 0 && result[0] <= 2");
      expect(metric(analysis, latency).failureCondition).toBe("len(result) > 0 && result[0] > 2");
    }
  });

  it("moves every threshold when the SLO changes, and nothing else is typed twice", () => {
    // GIVEN an SLO that allows 10 % errors and a p95 of 5 s
    const input = inputOf("production");
    setAt(input, ["slo"], { availability: 0.9, errorRate: 0.1, latencyP95Seconds: 5 });
    setAt(input, ["workloads", "website", "metrics", "latencyBuckets"], [0.5, 1, 2, 5, 10]);
    // WHEN production renders
    const manifests = manifestsOf(parseEnvConfig("production", input));
    // THEN both templates use the new thresholds and the smoke Job allows 10 % failures
    const post = templateOf(manifests, "website-post-promotion");
    expect(metric(post, "error-rate").successCondition).toBe("len(result) > 0 && result[0] <= 0.1");
    expect(metric(post, "latency-p95").failureCondition).toBe("len(result) > 0 && result[0] > 5");
    const smoke = metric(templateOf(manifests, "website-pre-promotion"), "smoke-traffic");
    const env = smoke.provider.job.spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: "ALLOWED_FAILURES", value: "30" });
  });

  it("queries the configured Prometheus", () => {
    const post = templateOf(manifestsOf(configOf("staging")), "website-post-promotion");
    expect(metric(post, "error-rate").provider.prometheus.address).toBe(configOf("staging").prometheus.address);
  });
});

describe("pre-promotion analysis", () => {
  const pre = () => templateOf(manifestsOf(configOf("production")), "website-pre-promotion");

  it("probes the preview Service's health endpoint with a web metric", () => {
    expect(metric(pre(), "preview-health").provider.web).toEqual({
      url: "http://{{args.preview-service}}.{{args.namespace}}.svc.cluster.local:3000/api/health",
      jsonPath: "{$.status}",
      timeoutSeconds: 5,
    });
  });

  it("sends a bounded number of synthetic requests through the preview Service", () => {
    const job = metric(pre(), "smoke-traffic").provider.job.spec;
    const [container] = job.template.spec.containers;
    expect(container.env).toContainEqual({ name: "REQUESTS", value: "300" });
    expect(container.env).toContainEqual({
      name: "URL",
      value: "http://{{args.preview-service}}.{{args.namespace}}.svc.cluster.local:3000/",
    });
    expect(job.backoffLimit).toBe(0);
    expect(job.activeDeadlineSeconds).toBeGreaterThan(0);
  });

  it("runs the smoke Job hardened, and outside the website's selectors", () => {
    const manifests = manifestsOf(configOf("production"));
    const job = metric(templateOf(manifests, "website-pre-promotion"), "smoke-traffic").provider.job.spec;
    expect(job.template.spec.containers[0].securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    const selector = find(manifests, "PodDisruptionBudget", "website").spec.selector.matchLabels;
    const labels = job.template.metadata.labels;
    expect(Object.entries(selector).every(([key, value]) => labels[key] === value)).toBe(false);
  });

  it("marks the smoke Job's requests synthetic, so the SLIs leave them out", () => {
    const job = metric(pre(), "smoke-traffic").provider.job.spec;
    const container = job.template.spec.containers[0];
    expect(container.env).toContainEqual({ name: "TRAFFIC_HEADER", value: "X-Candlefish-Traffic: synthetic" });
    expect(container.command.join(" ")).toContain('-H "$TRAFFIC_HEADER"');
  });

  it("measures the new release's pods, by pod-template hash, after the smoke Job has had time to run", () => {
    const errors = metric(pre(), "preview-error-rate");
    expect(errors).toMatchObject({ initialDelay: "60s", interval: "30s", count: 3, failureLimit: 0 });
    expect(errors.provider.prometheus.query).toContain('rollouts_pod_template_hash="{{args.pod-template-hash}}"');
    expect(errors.provider.prometheus.query).not.toContain("rollout_role");
  });
});

describe("Rollout wiring", () => {
  it("runs both analyses on the new ReplicaSet's pod-template hash, never on the role label", () => {
    const manifests = manifestsOf(configOf("production"));
    const blueGreen = find(manifests, "Rollout", "website").spec.strategy.blueGreen;
    expect(blueGreen.prePromotionAnalysis.templates).toEqual([{ templateName: "website-pre-promotion" }]);
    expect(blueGreen.prePromotionAnalysis.args).toEqual([
      { name: "namespace", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
      { name: "metrics-service", value: "website-metrics" },
      { name: "pod-template-hash", valueFrom: { podTemplateHashValue: "Latest" } },
      { name: "preview-service", value: "website-preview" },
    ]);
    expect(blueGreen.postPromotionAnalysis.templates).toEqual([{ templateName: "website-post-promotion" }]);
    expect(blueGreen.postPromotionAnalysis.args).toContainEqual({
      name: "pod-template-hash",
      valueFrom: { podTemplateHashValue: "Latest" },
    });
  });

  it("passes every arg each template declares, and only those", () => {
    for (const env of ["staging", "production"]) {
      const manifests = manifestsOf(configOf(env));
      const blueGreen = find(manifests, "Rollout", "website").spec.strategy.blueGreen;
      for (const analysis of [blueGreen.prePromotionAnalysis, blueGreen.postPromotionAnalysis]) {
        const declared = templateOf(manifests, analysis.templates[0].templateName).spec.args.map(
          (a: Manifest) => a.name,
        );
        expect(analysis.args.map((a: Manifest) => a.name).sort()).toEqual([...declared].sort());
      }
    }
  });

  it("keeps the old ReplicaSet longer than the whole post-promotion analysis", () => {
    for (const env of ["staging", "production"]) {
      const manifests = manifestsOf(configOf(env));
      const delay = find(manifests, "Rollout", "website").spec.strategy.blueGreen.scaleDownDelaySeconds;
      for (const gate of templateOf(manifests, "website-post-promotion").spec.metrics) {
        const seconds = (value: string) => Number(value.replace(/s$/, ""));
        expect(delay).toBeGreaterThan(seconds(gate.initialDelay) + seconds(gate.interval) * gate.count);
      }
    }
  });
});
