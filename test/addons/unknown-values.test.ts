import { describe, expect, it } from "vitest";
import type { KeyTree } from "../../src/validate/addons/chart-values";
import { unknownValues } from "../../src/validate/addons/unknown-values";

const chart: KeyTree = {
  controller: { replicas: true, metrics: { serviceMonitor: { enabled: true, additionalLabels: true } } },
  serviceAccount: { annotations: true, name: true },
  prometheus: { prometheusSpec: { ruleSelector: true, retention: true } },
  extraArgs: { v: true },
  image: { tag: true },
};

describe("values keys checked against the chart's own keys", () => {
  it("accepts keys the chart has, at any depth", () => {
    expect(
      unknownValues({ controller: { replicas: 2, metrics: { serviceMonitor: { enabled: true } } } }, chart),
    ).toEqual([]);
  });

  it("reports a key the chart does not know by its full path", () => {
    const values = { controller: { metrics: { serviceMonitor: { enabled: true, honorLabels: true } } } };
    expect(unknownValues(values, chart)).toEqual(["controller.metrics.serviceMonitor.honorLabels"]);
  });

  it("reports a top-level key of another chart", () => {
    expect(unknownValues({ installCRD: true }, chart)).toEqual(["installCRD"]);
  });

  it("accepts any key inside labels, annotations, selectors and flag maps", () => {
    const values = {
      serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/example" } },
      controller: { metrics: { serviceMonitor: { additionalLabels: { release: "kube-prometheus-stack" } } } },
      prometheus: { prometheusSpec: { ruleSelector: { matchLabels: { release: "x" } } } },
      extraArgs: { expander: "least-waste" },
    };
    expect(unknownValues(values, chart)).toEqual([]);
  });

  it("reports keys given below a leaf the chart does not open", () => {
    expect(unknownValues({ image: { tag: { major: 1 } } }, chart)).toEqual(["image.tag.major"]);
  });
});
