import { describe, expect, it } from "vitest";
import { bucketLabel } from "../../src/slo/bucket-label";

describe("the le label value Prometheus 3 stores", () => {
  it("adds .0 to whole bounds, as FormatOpenMetricsFloat does", () => {
    expect([0, 1, 2, 10, 30].map(bucketLabel)).toEqual(["0.0", "1.0", "2.0", "10.0", "30.0"]);
  });

  it("keeps fractional bounds as they are", () => {
    expect([0.005, 0.1, 0.25, 1.5].map(bucketLabel)).toEqual(["0.005", "0.1", "0.25", "1.5"]);
  });

  it("writes tiny bounds with Go's two-digit exponent", () => {
    expect(bucketLabel(0.00005)).toBe("5e-05");
  });

  it("names the catch-all bucket +Inf", () => {
    expect(bucketLabel(Number.POSITIVE_INFINITY)).toBe("+Inf");
  });
});
