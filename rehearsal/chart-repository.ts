import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { tempDir } from "../harness/files";
import { toolPath } from "../harness/tools";
import type { AddOn } from "../src/addons/catalog";

const run = promisify(execFile);

/** A Helm repository on loopback serving charts packaged from ../shared/charts. */
export interface ChartRepository {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Packages each add-on's chart at its pinned version from the upstream sources in `chartsRoot`
 * (`<chart>-<version>/`) with the real helm, indexes them the way a chart repository publishes
 * them, and serves the folder over HTTP: Argo CD's repo-server downloads index.yaml and the
 * package and runs `helm template` exactly as it does against the chart's public repository.
 */
export async function serveCharts(chartsRoot: string, addOns: readonly AddOn[]): Promise<ChartRepository> {
  const dir = tempDir("charts");
  const server = createServer((request, response) => {
    const file = join(dir, basename(request.url ?? "/"));
    if (request.method !== "GET" || !existsSync(file) || file === dir) {
      response.writeHead(404).end();
      return;
    }
    const type = file.endsWith(".yaml") ? "application/x-yaml" : "application/gzip";
    response.writeHead(200, { "content-type": type }).end(readFileSync(file));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      rmSync(dir, { recursive: true, force: true });
    });
  try {
    const url = `http://127.0.0.1:${await listen(server)}`;
    const helm = toolPath("bin", "helm");
    for (const addOn of addOns) {
      const source = join(chartsRoot, `${addOn.chart}-${addOn.version}`);
      if (!existsSync(source)) throw new Error(`no chart source for ${addOn.name} at ${source}`);
      await run(helm, ["package", source, "--destination", dir]);
    }
    await run(helm, ["repo", "index", dir, "--url", url]);
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address !== null && typeof address === "object") resolve(address.port);
      else reject(new Error("the chart repository has no TCP address"));
    });
  });
}
