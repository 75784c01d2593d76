/**
 * A stand-in for the website's /api/metrics: serves every scenario's releases at
 * /metrics/<scenario>/<release>, counters growing with wall time.
 * Usage: tsx harness/synthetic-exporter.ts '<latency buckets JSON>'
 * Prints "listening <port>" once it accepts connections on 127.0.0.1.
 */
import { createServer } from "node:http";
import { type Release, SCENARIOS, type Scenario, scenarioExposition } from "./scenarios";

const buckets = JSON.parse(process.argv[2] ?? "[]") as number[];
const started = performance.now();
const scenarios: Record<string, Scenario> = SCENARIOS;

const server = createServer((request, response) => {
  const [, prefix, scenario, release] = (request.url ?? "").split("/");
  const traffic =
    prefix === "metrics" && scenario !== undefined ? scenarios[scenario]?.[release as Release] : undefined;
  if (traffic === undefined) {
    response.writeHead(404).end();
    return;
  }
  const elapsed = (performance.now() - started) / 1000;
  response
    .writeHead(200, { "content-type": "text/plain; version=0.0.4" })
    .end(scenarioExposition(traffic, buckets, elapsed));
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address !== null && typeof address === "object") console.log(`listening ${address.port}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
