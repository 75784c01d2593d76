import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../harness/processes";
import { type RunningPrometheus, startPrometheus } from "../../harness/prometheus";
import { configOf, find, manifestsOf } from "../support/fixtures";

let prometheus: RunningPrometheus;
let exporter: Server;

/** Prometheus' own spelling of the ServiceMonitor's fallbackScrapeProtocol (Prometheus Operator passes it through). */
const fallback = () =>
  find(manifestsOf(configOf("production")), "ServiceMonitor", "website").spec.fallbackScrapeProtocol;

describe("a metrics endpoint without a Content-Type Prometheus 3 knows", () => {
  beforeAll(async () => {
    // A client library answering with no Content-Type at all.
    exporter = createServer((_request, response) => {
      response.removeHeader("Content-Type");
      response.end('# TYPE http_requests_total counter\nhttp_requests_total{code="200"} 1\n');
    });
    const port = await new Promise<number>((resolve) =>
      exporter.listen(0, "127.0.0.1", () => resolve((exporter.address() as { port: number }).port)),
    );
    const target = [{ targets: [`127.0.0.1:${port}`] }];
    prometheus = await startPrometheus({
      global: { scrape_interval: "500ms" },
      scrape_configs: [
        { job_name: "as-rendered", static_configs: target, fallback_scrape_protocol: fallback() },
        { job_name: "without-fallback", static_configs: target },
      ],
    });
    await waitFor("both jobs scraped", async () =>
      (await prometheus.query("count(up)")).data.result[0]?.value[1] === "2" ? true : undefined,
    );
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    exporter?.close();
  });

  it("is scraped with the rendered ServiceMonitor's fallback protocol, and refused without it", async () => {
    const up = async (job: string) => (await prometheus.query(`up{job="${job}"}`)).data.result[0]?.value[1];
    expect(await up("as-rendered")).toBe("1");
    expect(await up("without-fallback")).toBe("0");
  });
});
