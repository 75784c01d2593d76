/**
 * The `le` label value Prometheus 3 stores for a histogram bucket bound. Prometheus 3 normalises
 * `le` (and `quantile`) to a float at scrape time, whatever the exporter wrote
 * (model/textparse/openmetricsparse.go, normalizeFloatsInLabelValues → model/labels/float.go,
 * FormatOpenMetricsFloat: Go's shortest 'g' form, plus ".0" when it has neither "." nor "e"), so
 * `le="2"` matches nothing and `le="2.0"` matches the bucket.
 */
export function bucketLabel(bound: number): string {
  if (bound === Number.POSITIVE_INFINITY) return "+Inf";
  if (bound === Number.NEGATIVE_INFINITY) return "-Inf";
  // Go's 'g' with shortest precision switches to an exponent below 1e-4 or from 1e21 on, with a two-digit exponent.
  const magnitude = Math.abs(bound);
  const text =
    bound !== 0 && (magnitude < 1e-4 || magnitude >= 1e21)
      ? bound.toExponential().replace(/e([+-])(\d)$/, "e$10$2")
      : String(bound);
  return /[.e]/.test(text) ? text : `${text}.0`;
}
