import type { Manifest } from "../harness/files";

/** Where the rehearsal's stand-ins listen, and how much faster its clock runs. */
export interface RehearsalTargets {
  readonly prometheusUrl: string;
  /** Base URL (scheme, host, port) that answers the preview's health path. */
  readonly healthBaseUrl: string;
  /** Every analysis delay, interval and rate window is divided by this, rounded up, at least 1 s. */
  readonly timeScale: number;
  /**
   * The Rollout's scale-down delays are divided by this (a slower clock than the analyses': a
   * second release must fit inside the delay, as it would in production, scenario 7).
   */
  readonly delayTimeScale: number;
}

/** One change the rehearsal made to a rendered object, printed so nobody mistakes it for production. */
export interface Patch {
  readonly object: string;
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

const ROLLOUT_DELAYS = ["scaleDownDelaySeconds", "abortScaleDownDelaySeconds"] as const;
const METRIC_DURATIONS = ["initialDelay", "interval"] as const;
/** Four scrapes at the rehearsal Prometheus' 1 s interval: rate() needs two, jitter eats one. */
const MIN_WINDOW_SECONDS = 4;
/** A range selector in seconds, the only unit the gates render (`[120s]`). */
const RATE_WINDOW = /\[(\d+)s\]/g;

/**
 * The documented rehearsal patch step (docs/rehearsal.md): the rendered production manifests,
 * with only the addresses the controller must reach and the clock changed. Nothing else differs
 * from what Argo CD syncs; the patches are returned so the run can print them.
 */
export function patchForRehearsal(
  manifests: Manifest[],
  targets: RehearsalTargets,
): { manifests: Manifest[]; patches: Patch[] } {
  const patches: Patch[] = [];
  const scaled = (seconds: number) => scaledSeconds(seconds, targets.timeScale);
  const scaledWindow = (seconds: number) => scaledRateWindow(seconds, targets.timeScale);
  const patched = structuredClone(manifests).map((manifest) => {
    const object = `${manifest.kind}/${manifest.metadata.name}`;
    const set = (owner: Manifest, key: string, field: string, to: unknown) => {
      patches.push({ object, field, from: owner[key], to });
      owner[key] = to;
    };
    if (manifest.kind === "Rollout") {
      const blueGreen = manifest.spec.strategy.blueGreen as Manifest;
      for (const key of ROLLOUT_DELAYS) {
        if (typeof blueGreen[key] === "number")
          set(blueGreen, key, `spec.strategy.blueGreen.${key}`, scaledSeconds(blueGreen[key], targets.delayTimeScale));
      }
    }
    if (manifest.kind === "AnalysisTemplate") {
      for (const metric of manifest.spec.metrics as Manifest[]) {
        const at = `spec.metrics[${metric.name}]`;
        for (const key of METRIC_DURATIONS) {
          if (metric[key] !== undefined) set(metric, key, `${at}.${key}`, `${scaled(seconds(metric[key]))}s`);
        }
        const { prometheus, web } = metric.provider as Manifest;
        if (prometheus !== undefined) {
          set(prometheus, "address", `${at}.provider.prometheus.address`, targets.prometheusUrl);
          const query = prometheus.query as string;
          const windows = [...new Set(query.match(RATE_WINDOW) ?? [])];
          if (windows.length > 0) {
            const rescale = (window: string) => `[${scaledWindow(Number(window.slice(1, -2)))}s]`;
            prometheus.query = query.replaceAll(RATE_WINDOW, rescale);
            const field = `${at}.provider.prometheus.query range windows`;
            patches.push({ object, field, from: windows.join(" "), to: windows.map(rescale).join(" ") });
          }
        }
        if (web !== undefined) {
          const path = new URL(web.url.replaceAll(/\{\{[^}]*\}\}/g, "placeholder")).pathname;
          set(web, "url", `${at}.provider.web.url`, `${targets.healthBaseUrl}${path}`);
        }
      }
    }
    return manifest;
  });
  return { manifests: patched, patches };
}

const scaledSeconds = (seconds: number, timeScale: number) => Math.max(1, Math.ceil(seconds / timeScale));

/**
 * A PromQL rate window on the rehearsal clock. Shorter than a few scrapes returns nothing; left
 * unscaled, one scenario's errors would still be in the next one's window.
 */
export function scaledRateWindow(seconds: number, timeScale: number): number {
  return Math.max(MIN_WINDOW_SECONDS, scaledSeconds(seconds, timeScale));
}

/** Seconds of an Argo Rollouts duration as this project renders them ("60s"); anything else is a bug here. */
function seconds(duration: string): number {
  const match = /^(\d+)s$/.exec(duration);
  if (match?.[1] === undefined) throw new Error(`rehearsal: cannot scale duration ${duration}`);
  return Number(match[1]);
}
