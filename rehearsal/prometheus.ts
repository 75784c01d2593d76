import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { ROLE_SERIES_LABEL } from "../src/slo/metric-contract";
import { tempDir } from "../test/support/fixtures";
import { freePort, type Managed, startManaged, stopManaged, waitFor } from "../test/support/processes";
import type { Role } from "../test/support/scenarios";
import { toolPath } from "../test/support/tools";

/** Fast scrapes keep the time-compressed gates fed; rate() needs two samples per window. */
const SCRAPE_INTERVAL = "1s";

export interface RehearsalPrometheus {
  readonly url: string;
  readonly managed: Managed;
  stop(): Promise<void>;
}

/**
 * The real Prometheus (Debian package) scraping the exporter with the labels the
 * ServiceMonitor's relabelling gives production series: namespace, service, rollout role.
 */
export async function startPrometheus(
  exporterPort: number,
  namespace: string,
  metricsService: string,
): Promise<RehearsalPrometheus> {
  const dir = tempDir("rehearsal-prometheus");
  mkdirSync(join(dir, "data"));
  const roles: Role[] = ["active", "preview"];
  const config = {
    global: { scrape_interval: SCRAPE_INTERVAL, evaluation_interval: SCRAPE_INTERVAL },
    scrape_configs: roles.map((role) => ({
      job_name: `website-${role}`,
      metrics_path: `/metrics/${role}`,
      static_configs: [
        {
          targets: [`127.0.0.1:${exporterPort}`],
          labels: { namespace, service: metricsService, [ROLE_SERIES_LABEL]: role },
        },
      ],
    })),
  };
  writeFileSync(join(dir, "prometheus.yml"), stringify(config));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const managed = startManaged(toolPath("bin", "prometheus"), [
    `--config.file=${join(dir, "prometheus.yml")}`,
    `--storage.tsdb.path=${join(dir, "data")}`,
    `--web.listen-address=127.0.0.1:${port}`,
    "--log.level=warn",
  ]);
  const stop = async () => {
    await stopManaged(managed);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor("Prometheus /-/ready", async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined));
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, managed, stop };
}
