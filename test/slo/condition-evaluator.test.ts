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

  it("compares at each operator's boundary the way expr does", () => {
    const holds = (clause: string, value: number) => evaluateCondition(clause, [value]);
    expect([holds("result[0] <= 1", 1), holds("result[0] <= 1", 1.5)]).toEqual([true, false]);
    expect([holds("result[0] < 1", 0.5), holds("result[0] < 1", 1)]).toEqual([true, false]);
    expect([holds("result[0] >= 1", 1), holds("result[0] >= 1", 0.5)]).toEqual([true, false]);
    expect([holds("result[0] > 1", 1.5), holds("result[0] > 1", 1)]).toEqual([true, false]);
    expect(holds("result[0] > -1", -0.5)).toBe(true);
  });

  it("reads the indexed element, not always the first", () => {
    expect(evaluateCondition("result[1] <= 1", [5, 0])).toBe(true);
    expect(measurementPhase([0], { successCondition: "result[1] <= 1" })).toBe("Error");
  });

  it("stops at the first false clause, so a guarded index never errors", () => {
    expect(evaluateCondition("len(result) > 0 && result[0] <= 1", [])).toBe(false);
    expect(evaluateCondition("len(result) > 0 && result[0] <= 1", [2])).toBe(false);
    expect(evaluateCondition("len(result) > 0 && result[0] <= 1", [1])).toBe(true);
  });

  it("is successful when a gate has no conditions at all", () => {
    expect(measurementPhase([5], {})).toBe("Successful");
  });

  it("is inconclusive when neither condition holds", () => {
    expect(measurementPhase([1], { successCondition: "result[0] < 1", failureCondition: "result[0] > 1" })).toBe(
      "Inconclusive",
    );
  });

  it("compares text with escaped quotes exactly", () => {
    expect(measurementPhase('say "ok"', equalsText('say "ok"'))).toBe("Successful");
    expect(measurementPhase("say ok", equalsText('say "ok"'))).toBe("Failed");
  });

  it("refuses a comparison on text and a text equality on numbers", () => {
    expect(() => measurementPhase("ok", { successCondition: "result[0] <= 1" })).toThrow(UnsupportedConditionError);
    expect(() => measurementPhase([1], { successCondition: 'result == "ok"' })).toThrow(UnsupportedConditionError);
  });

  it("refuses clauses that only contain a supported form", () => {
    for (const clause of [
      "xlen(result) > 0",
      "len(result) > 0 || true",
      "result[0] <= 1 || true",
      "(result[0] <= 1)",
    ]) {
      expect(() => evaluateCondition(clause, [0]), clause).toThrow(/unsupported condition clause/);
    }
    expect(() => evaluateCondition('result == "ok" || true', "ok")).toThrow(UnsupportedConditionError);
  });

  it("tolerates extra spaces around the clauses it splits", () => {
    expect(evaluateCondition("len(result) > 0 &&  result[0] <= 1 ", [1])).toBe(true);
  });
});
