import { createServer, type Server } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { Kubectl } from "../harness/kubectl";
import { type CountedSeries, exposition, type RequestCounts, type Traffic } from "../harness/scenarios";
import { type LivePod, type LiveServices, podLoads, seriesLabels } from "./traffic-model";

/** How often the model re-reads the cluster; the counters grow between reads at the last known loads. */
const REFRESH_MS = 500;
/** Production traffic in total, and the smoke Job's, in requests per second. */
const USER_RPS = 40;
const SMOKE_RPS = 5;

const HEALTHY: Traffic = { rps: 0, errorShare: 0, slowShare: 0, slowSeconds: 0 };

interface PodItem {
  metadata: { name: string; labels?: Record<string, string> };
  spec: { containers: { image: string }[] };
  status?: { conditions?: { type: string; status: string }[] };
}

const add = (a: RequestCounts, traffic: Traffic, seconds: number): RequestCounts => {
  const total = traffic.rps * seconds;
  return {
    total: a.total + total,
    errors: a.errors + total * traffic.errorShare,
    slow: a.slow + total * traffic.slowShare,
    slowSeconds: Math.max(a.slowSeconds, traffic.slowSeconds),
  };
};

/**
 * The website as Prometheus and the preview health probe see it. Which pods get which traffic is
 * read from the live cluster every REFRESH_MS (traffic-model.ts); each pod's counters start at zero
 * when the pod first gets traffic and only grow, as a real process's would. The scenario says only
 * how each image behaves. Runs in the rehearsal's own process, so it stops with it.
 */
export class LiveExporter {
  private readonly behaviours = new Map<string, Traffic>();
  private readonly counters = new Map<string, CountedSeries>();
  private running = true;
  private loop: Promise<void> = Promise.resolve();

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
      if (request.url !== "/metrics" || exporter === undefined) {
        response.writeHead(404).end();
        return;
      }
      response
        .writeHead(200, { "content-type": "text/plain; version=0.0.4" })
        .end(exposition([...exporter.counters.values()], buckets));
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

  /**
   * Starts following the cluster: the pods of `namespace` behind its active and preview Services,
   * labelled as the rendered ServiceMonitor's `podTargetLabels` say.
   */
  follow(
    kubectl: Kubectl,
    namespace: string,
    workload: string,
    metricsService: string,
    podTargetLabels: readonly string[],
  ): void {
    let last = performance.now();
    this.loop = (async () => {
      while (this.running) {
        const live = await readCluster(kubectl, namespace, workload).catch(() => undefined);
        const now = performance.now();
        if (live !== undefined) {
          const seconds = (now - last) / 1000;
          const loads = podLoads(live.pods, live.services, (image) => this.behaviourOf(image), USER_RPS, SMOKE_RPS);
          for (const load of loads) {
            const labels = seriesLabels(namespace, metricsService, podTargetLabels, load);
            const before = this.counters.get(labels)?.counts ?? { total: 0, errors: 0, slow: 0, slowSeconds: 0 };
            this.counters.set(labels, { labels, counts: add(before, load.traffic, seconds) });
          }
        }
        last = now;
        await sleep(REFRESH_MS, undefined, { ref: false });
      }
    })();
  }

  /** How the pods running `tag` behave from now on (healthy unless said otherwise). */
  behave(tag: string, traffic: Traffic): void {
    this.behaviours.set(tag, traffic);
  }

  private behaviourOf(image: string): Traffic {
    const tag = image.slice(image.lastIndexOf(":") + 1);
    return this.behaviours.get(tag) ?? HEALTHY;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** The workload's pods and the two Services' selectors, as an operator's kubectl sees them. */
async function readCluster(kubectl: Kubectl, namespace: string, workload: string) {
  const list = await kubectl.json<{
    items: (PodItem | { kind: string; metadata: { name: string }; spec: { selector?: Record<string, string> } })[];
  }>("get", "pods,services", "-n", namespace, "-l", `app.kubernetes.io/name=${workload}`);
  const pods: LivePod[] = [];
  const services: { active?: Record<string, string>; preview?: Record<string, string> } = {};
  for (const item of list.items) {
    if ("kind" in item && item.kind === "Service") {
      if (item.metadata.name === `${workload}-active`) services.active = item.spec.selector;
      if (item.metadata.name === `${workload}-preview`) services.preview = item.spec.selector;
      continue;
    }
    const pod = item as PodItem;
    pods.push({
      name: pod.metadata.name,
      labels: pod.metadata.labels ?? {},
      image: pod.spec.containers[0]?.image ?? "",
      ready:
        pod.status?.conditions?.some((condition) => condition.type === "Ready" && condition.status === "True") ?? false,
    });
  }
  return { pods, services: services as LiveServices };
}
