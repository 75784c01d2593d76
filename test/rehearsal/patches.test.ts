import { describe, expect, it } from "vitest";
import { patchForRehearsal } from "../../rehearsal/patches";
import { configOf, find, type Manifest, manifestsOf } from "../support/fixtures";

const TARGETS = {
  prometheusUrl: "http://127.0.0.1:1111",
  healthBaseUrl: "http://127.0.0.1:2222",
  timeScale: 20,
  delayTimeScale: 10,
};

const production = () => manifestsOf(configOf("production"));
const metric = (manifests: Manifest[], template: string, name: string): Manifest =>
  find(manifests, "AnalysisTemplate", template).spec.metrics.find((m: Manifest) => m.name === name);

describe("the rehearsal patch step", () => {
  it("points every Prometheus metric at the rehearsal Prometheus", () => {
    const { manifests } = patchForRehearsal(production(), TARGETS);
    const addresses = manifests
      .filter((m) => m.kind === "AnalysisTemplate")
      .flatMap((m) => m.spec.metrics as Manifest[])
      .filter((m) => m.provider.prometheus !== undefined)
      .map((m) => m.provider.prometheus.address);
    expect(addresses.length).toBeGreaterThan(0);
    expect(new Set(addresses)).toEqual(new Set([TARGETS.prometheusUrl]));
  });

  it("sends the preview health probe to the exporter, keeping the path", () => {
    const { manifests } = patchForRehearsal(production(), TARGETS);
    expect(metric(manifests, "website-pre-promotion", "preview-health").provider.web.url).toBe(
      "http://127.0.0.1:2222/api/health",
    );
  });

  it("divides delays and intervals by the time scale, rounding up to at least one second", () => {
    const { manifests } = patchForRehearsal(production(), TARGETS);
    const errorRate = metric(manifests, "website-pre-promotion", "preview-error-rate");
    expect([errorRate.initialDelay, errorRate.interval]).toEqual(["3s", "2s"]);
    expect(metric(manifests, "website-pre-promotion", "preview-health").interval).toBe("1s");
    const blueGreen = find(manifests, "Rollout", "website").spec.strategy.blueGreen;
    // The Rollout's delays on their own, slower clock: 900 s and 600 s ÷ 10.
    expect([blueGreen.scaleDownDelaySeconds, blueGreen.abortScaleDownDelaySeconds]).toEqual([90, 60]);
  });

  it("scales PromQL rate windows too, but never below four scrapes", () => {
    const { manifests } = patchForRehearsal(production(), TARGETS);
    const query = metric(manifests, "website-pre-promotion", "preview-error-rate").provider.prometheus.query;
    expect(query).not.toContain("[120s]");
    expect(query).toContain("[6s]");
    const slowClock = patchForRehearsal(production(), { ...TARGETS, timeScale: 1000 }).manifests;
    expect(metric(slowClock, "website-pre-promotion", "preview-error-rate").provider.prometheus.query).toContain(
      "[4s]",
    );
  });

  it("changes nothing else, and reports every change it made", () => {
    const original = production();
    const { manifests, patches } = patchForRehearsal(original, TARGETS);
    const untouched = (m: Manifest) => m.kind !== "AnalysisTemplate" && m.kind !== "Rollout";
    expect(manifests.filter(untouched)).toEqual(original.filter(untouched));
    expect(find(manifests, "Rollout", "website").spec.template).toEqual(
      find(original, "Rollout", "website").spec.template,
    );
    expect(patches.map((patch) => patch.object)).toEqual(
      expect.arrayContaining(["Rollout/website", "AnalysisTemplate/website-pre-promotion"]),
    );
    expect(patches.every((patch) => patch.from !== patch.to)).toBe(true);
  });

  it("leaves its input untouched", () => {
    const original = production();
    const before = structuredClone(original);
    patchForRehearsal(original, TARGETS);
    expect(original).toEqual(before);
  });

  it("throws on a duration it cannot scale", () => {
    const manifests = production();
    metric(manifests, "website-pre-promotion", "preview-error-rate").interval = "1m";
    expect(() => patchForRehearsal(manifests, TARGETS)).toThrow("cannot scale duration 1m");
  });
});
