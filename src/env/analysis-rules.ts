import type { z } from "zod";
import type { MeasurementConfig } from "./analysis-schema";
import type { EnvShape, WorkloadConfig } from "./shape";

type Context = z.RefinementCtx<EnvShape>;
type Path = (string | number)[];

/** Seconds from the start of an analysis until its last measurement is taken and judged. */
export function analysisDurationSeconds(gate: MeasurementConfig): number {
  return gate.initialDelaySeconds + gate.intervalSeconds * gate.count;
}

/** Float-safe: 1 - 0.999 is 0.0010000000000000009 in binary. */
const EPSILON = 1e-12;

/** Rules between the SLO, the histogram, the analysis and the rollout timing. */
export function analysisRules(env: EnvShape, ctx: Context, at: (...path: string[]) => Path, workload: WorkloadConfig) {
  const fail = (path: Path, message: string, input: unknown) => ctx.addIssue({ code: "custom", path, message, input });
  const { analysis, rollout, metrics } = workload;

  for (const phase of ["prePromotion", "postPromotion"] as const) {
    const gate = analysis[phase];
    if (gate.failureLimit >= gate.count) {
      fail(
        at("analysis", phase, "failureLimit"),
        `must be below analysis.${phase}.count = ${gate.count}, or the gate can never fail`,
        gate.failureLimit,
      );
    }
  }

  const postDuration = analysisDurationSeconds(analysis.postPromotion);
  if (rollout.scaleDownDelaySeconds <= postDuration) {
    fail(
      at("rollout", "scaleDownDelaySeconds"),
      `must exceed the post-promotion analysis (initialDelay + interval × count = ${postDuration} s): the controller cuts the analysis off at scale-down`,
      rollout.scaleDownDelaySeconds,
    );
  }

  const buckets = metrics.latencyBuckets;
  const objective = env.slo.latencyP95Seconds;
  if (!buckets.includes(objective) || objective >= (buckets.at(-1) ?? 0)) {
    fail(
      at("metrics", "latencyBuckets"),
      `must contain slo.latencyP95Seconds = ${objective} and a larger bound, or p95 cannot be compared with the objective`,
      buckets,
    );
  }
}

/** The gate's error rate may not be looser than the availability objective allows. */
export function sloRules(env: EnvShape, ctx: Context) {
  const budget = 1 - env.slo.availability;
  if (env.slo.errorRate > budget + EPSILON) {
    ctx.addIssue({
      code: "custom",
      path: ["slo", "errorRate"],
      message: `must be at most 1 - slo.availability = ${Number(budget.toFixed(12))}, or releases spend more than the error budget`,
      input: env.slo.errorRate,
    });
  }
}
