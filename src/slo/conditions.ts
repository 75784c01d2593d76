/**
 * Success and failure conditions for a Prometheus result vector. Both guard
 * with `len(result) > 0`, so an empty result is neither (inconclusive) rather
 * than an evaluation error, and NaN (no traffic) fails both comparisons.
 */
export interface ThresholdConditions {
  readonly successCondition: string;
  readonly failureCondition: string;
}

/** The value must stay at or below `max`. */
export function atMost(max: number): ThresholdConditions {
  return {
    successCondition: `len(result) > 0 && result[0] <= ${max}`,
    failureCondition: `len(result) > 0 && result[0] > ${max}`,
  };
}

/** A web metric whose JSON field must equal `expected`. */
export function equalsText(expected: string): { successCondition: string } {
  return { successCondition: `result == ${JSON.stringify(expected)}` };
}
