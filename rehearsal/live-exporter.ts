import { createServer, type Server } from "node:http";
import { exposition, type Role, type Traffic } from "../test/support/scenarios";

/**
 * The website as Prometheus and the preview health probe see it, per rollout role. Setting a
 * role's traffic starts its counters from zero, as new pods would; `null` means no pods (no
 * series). Runs in the rehearsal's own process, so it stops with it.
 */
export class LiveExporter {
  private readonly traffic: Record<Role, { traffic: Traffic | null; since: number }> = {
    active: { traffic: null, since: 0 },
    preview: { traffic: null, since: 0 },
  };

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(buckets: readonly number[], healthPath: string): Promise<LiveExporter> {
    let exporter: LiveExporter | undefined;
    const server = createServer((request, response) => {
      if (request.url === healthPath) {
        response.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
        return;
      }
      const role = /^\/metrics\/(active|preview)$/.exec(request.url ?? "")?.[1] as Role | undefined;
      const current = role === undefined ? undefined : exporter?.traffic[role];
      if (current === undefined) {
        response.writeHead(404).end();
        return;
      }
      const elapsed = (performance.now() - current.since) / 1000;
      response
        .writeHead(200, { "content-type": "text/plain; version=0.0.4" })
        .end(exposition(current.traffic, buckets, elapsed));
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        if (address !== null && typeof address === "object") resolve(address.port);
        else reject(new Error("the exporter has no TCP address"));
      });
    });
    exporter = new LiveExporter(server, port);
    return exporter;
  }

  /** What the pods of `role` now serve; their counters restart. */
  serve(role: Role, traffic: Traffic | null): void {
    this.traffic[role] = { traffic, since: performance.now() };
  }

  /** The active pods after a promotion are the preview pods: same counters, new role. */
  promotePreview(): void {
    this.traffic.active = this.traffic.preview;
    this.traffic.preview = { traffic: null, since: performance.now() };
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
