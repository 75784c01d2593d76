import { CronExpressionParser } from "cron-parser";
import { z } from "zod";

const FIVE_FIELDS = /^(\S+\s+){4}\S+$/;

/** cron-parser's complaint about an expression ("Constraint error, got value 61 expected range 0-59"), or undefined. */
function cronProblem(expression: string): string | undefined {
  try {
    CronExpressionParser.parse(expression);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week), each field in range.
 * The field count is ours (cron-parser also takes a seconds field, Kubernetes does not); the ranges,
 * steps and names are cron-parser's, a well-kept parser rather than a regex of our own.
 */
export const cronSchema = z
  .string()
  .regex(FIVE_FIELDS, "must be a five-field cron expression such as '17 3 * * *'")
  .superRefine((expression, ctx) => {
    if (!FIVE_FIELDS.test(expression)) return;
    const problem = cronProblem(expression);
    if (problem !== undefined) {
      ctx.addIssue({ code: "custom", message: `must be a valid cron expression: ${problem}`, input: expression });
    }
  });
