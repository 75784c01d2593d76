import { type RunningPrometheus, startPrometheus } from "../harness/prometheus";

/** Fast scrapes keep the time-compressed gates fed; rate() needs two samples per window. */
const SCRAPE_INTERVAL = "1s";

/**
 * The real Prometheus 3 scraping the exporter. The exporter already writes, per pod, the labels the
 * ServiceMonitor's relabelling would attach from that pod's real labels (namespace, service, pod,
 * the pod-template hash), so they are honoured as they come.
 */
export function startRehearsalPrometheus(exporterPort: number): Promise<RunningPrometheus> {
  return startPrometheus(
    {
      global: { scrape_interval: SCRAPE_INTERVAL, evaluation_interval: SCRAPE_INTERVAL },
      scrape_configs: [
        {
          job_name: "website",
          honor_labels: true,
          metrics_path: "/metrics",
          static_configs: [{ targets: [`127.0.0.1:${exporterPort}`] }],
        },
      ],
    },
    "rehearsal-prometheus",
  );
}
