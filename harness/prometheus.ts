import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { tempDir } from "./files";
import { freePort, type Managed, startManaged, stopManaged, waitFor } from "./processes";
import { toolPath } from "./tools";

export interface QueryResponse {
  status: string;
  error?: string;
  data: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

/** A real Prometheus 3 (scripts/tools.sh builds it) on a free loopback port, with its own data folder. */
export interface RunningPrometheus {
  readonly url: string;
  readonly managed: Managed;
  query(promql: string): Promise<QueryResponse>;
  stop(): Promise<void>;
}

/** Starts Prometheus with `config` (prometheus.yml as an object) and waits until it is ready. */
export async function startPrometheus(config: object, name = "prometheus"): Promise<RunningPrometheus> {
  const dir = tempDir(name);
  mkdirSync(join(dir, "data"));
  writeFileSync(join(dir, "prometheus.yml"), stringify(config));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const managed = startManaged(toolPath("prometheus-3", "prometheus"), [
    `--config.file=${join(dir, "prometheus.yml")}`,
    `--storage.tsdb.path=${join(dir, "data")}`,
    `--web.listen-address=127.0.0.1:${port}`,
    "--log.level=warn",
  ]);
  const stop = async () => {
    await stopManaged(managed);
    rmSync(dir, { recursive: true, force: true });
  };
  const query = async (promql: string) => {
    const response = await fetch(`${url}/api/v1/query`, {
      method: "POST",
      body: new URLSearchParams({ query: promql }),
    });
    return (await response.json()) as QueryResponse;
  };
  try {
    await waitFor("Prometheus /-/ready", async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined));
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, managed, query, stop };
}
