import { describe, expect, it } from "vitest";
import { evaluateCondition, measurementPhase, UnsupportedConditionError } from "../../src/slo/condition-evaluator";
import { atMost, equalsText } from "../../src/slo/conditions";

describe("condition evaluator (Argo Rollouts semantics)", () => {
  const gate = atMost(0.001);

  it("passes a value at or below the threshold", () => {
    expect(measurementPhase([0], gate)).toBe("Successful");
    expect(measurementPhase([0.001], gate)).toBe("Successful");
  });

  it("fails a value above the threshold", () => {
    expect(measurementPhase([0.05], gate)).toBe("Failed");
  });

  it("is inconclusive on an empty result, thanks to the length guard", () => {
    expect(measurementPhase([], gate)).toBe("Inconclusive");
  });

  it("is inconclusive on NaN (traffic series exist, but no requests)", () => {
    expect(measurementPhase([Number.NaN], gate)).toBe("Inconclusive");
  });

  it("reports Error when a condition indexes an empty result without a guard", () => {
    expect(measurementPhase([], { successCondition: "result[0] <= 1" })).toBe("Error");
  });

  it("treats a missing failure condition as 'not successful means failed'", () => {
    expect(measurementPhase([5], { successCondition: "result[0] <= 1" })).toBe("Failed");
  });

  it("treats a missing success condition as 'not failed means successful'", () => {
    expect(measurementPhase([0], { failureCondition: "result[0] > 1" })).toBe("Successful");
  });

  it("lets the failure condition win when both hold", () => {
    expect(measurementPhase([1], { successCondition: "result[0] >= 1", failureCondition: "result[0] <= 1" })).toBe(
      "Failed",
    );
  });

  it("compares web metric text", () => {
    expect(measurementPhase("ok", equalsText("ok"))).toBe("Successful");
    expect(measurementPhase("degraded", equalsText("ok"))).toBe("Failed");
  });

  it("evaluates scientific notation thresholds", () => {
    expect(evaluateCondition("len(result) > 0 && result[0] <= 1e-3", [0.0005])).toBe(true);
  });

  it("refuses a condition form the generator does not emit", () => {
    expect(() => measurementPhase([1], { successCondition: "result[0] + 1 > 0" })).toThrow(UnsupportedConditionError);
  });
});
