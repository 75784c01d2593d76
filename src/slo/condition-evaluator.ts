/**
 * Evaluates exactly the condition forms this generator emits, with the
 * semantics of Argo Rollouts' evaluate.EvaluateResult: failure wins, neither
 * means Inconclusive, an evaluation error (e.g. result[0] of an empty vector)
 * means Error. Anything else is refused, so a new form needs a new test here.
 */
export type MeasurementPhase = "Successful" | "Failed" | "Inconclusive" | "Error";

/** A Prometheus vector's values, or a web metric's extracted JSON text. */
export type MetricResult = readonly number[] | string;

export interface Conditions {
  readonly successCondition?: string;
  readonly failureCondition?: string;
}

export class UnsupportedConditionError extends Error {}

const LENGTH_GUARD = /^len\(result\) > 0$/;
const INDEXED_COMPARISON = /^result\[(\d+)\] (<=|<|>=|>) (-?\d+(?:\.\d+)?(?:e-?\d+)?)$/;
const TEXT_EQUALITY = /^result == "((?:[^"\\]|\\.)*)"$/;

function compare(value: number, operator: string, bound: number): boolean {
  switch (operator) {
    case "<=":
      return value <= bound;
    case "<":
      return value < bound;
    case ">=":
      return value >= bound;
    default:
      return value > bound;
  }
}

function evaluateClause(clause: string, result: MetricResult): boolean {
  if (LENGTH_GUARD.test(clause)) return result.length > 0;
  const comparison = INDEXED_COMPARISON.exec(clause);
  if (comparison !== null && typeof result !== "string") {
    const [, index, operator, bound] = comparison;
    const value = result[Number(index)];
    if (value === undefined) throw new RangeError(`index ${index} out of range (len ${result.length})`);
    return compare(value, operator ?? "", Number(bound));
  }
  const equality = TEXT_EQUALITY.exec(clause);
  if (equality !== null && typeof result === "string") return result === JSON.parse(`"${equality[1]}"`);
  throw new UnsupportedConditionError(`unsupported condition clause: ${clause}`);
}

/** `a && b && c`, left to right, stopping at the first false clause like expr does. */
export function evaluateCondition(condition: string, result: MetricResult): boolean {
  return condition.split(" && ").every((clause) => evaluateClause(clause.trim(), result));
}

export function measurementPhase(result: MetricResult, conditions: Conditions): MeasurementPhase {
  const { successCondition, failureCondition } = conditions;
  let success = false;
  let failure = false;
  try {
    if (successCondition !== undefined) success = evaluateCondition(successCondition, result);
    if (failureCondition !== undefined) failure = evaluateCondition(failureCondition, result);
  } catch (error) {
    if (error instanceof UnsupportedConditionError) throw error;
    return "Error";
  }
  if (successCondition === undefined && failureCondition === undefined) return "Successful";
  if (failureCondition === undefined) failure = !success;
  if (successCondition === undefined) success = !failure;
  if (failure) return "Failed";
  return success ? "Successful" : "Inconclusive";
}
