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
 * What cron-parser takes but the readers of our schedules refuse. Kubernetes' CronJob controller
 * (pkg/controller/cronjob, cron.ParseStandard) and Argo CD's sync windows (pkg/apis/application/v1alpha1/
 * types.go, cron.NewParser) both parse with robfig/cron v3: its parser.go getRange takes numbers, names, `*`,
 * `?`, `-`, `/` and `,` only (no L, W or #), and spec.go bounds the day of week to 0-6 (Sunday is 0, not 7).
 */
function robfigProblem(expression: string): string | undefined {
  // Month and day names (jan, wed, …) are robfig's too: only what is left of them may be L, W or #.
  const special = /[LW#]/i.exec(expression.replace(/[a-z]{3}/gi, ""));
  if (special !== null) return `"${special[0]}" is not cron syntax Kubernetes and Argo CD parse (robfig/cron v3)`;
  const dayOfWeek = expression.trim().split(/\s+/)[4] ?? "";
  const beyond = dayOfWeek
    .split(",")
    .flatMap((part) => (part.split("/")[0] ?? "").split("-"))
    .find((value) => /^\d+$/.test(value) && Number(value) > 6);
  if (beyond !== undefined) {
    return `day of week ${beyond} is above 6: Kubernetes and Argo CD (robfig/cron v3) count 0-6, Sunday is 0`;
  }
  return undefined;
}

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week), each field in range.
 * The field count is ours (cron-parser also takes a seconds field, Kubernetes does not); the ranges,
 * steps and names are cron-parser's, a well-kept parser rather than a regex of our own, narrowed to the
 * dialect the schedules' readers parse (robfigProblem).
 */
export const cronSchema = z
  .string()
  .regex(FIVE_FIELDS, "must be a five-field cron expression such as '17 3 * * *'")
  .superRefine((expression, ctx) => {
    if (!FIVE_FIELDS.test(expression)) return;
    const problem = cronProblem(expression) ?? robfigProblem(expression);
    if (problem !== undefined) {
      ctx.addIssue({ code: "custom", message: `must be a valid cron expression: ${problem}`, input: expression });
    }
  });
