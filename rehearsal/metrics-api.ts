import { join } from "node:path";
import { stringify } from "yaml";
import type { Kubectl } from "../harness/kubectl";
import { freePort, type Managed, startManaged, waitFor } from "../harness/processes";
import { toolPath } from "../harness/tools";

/**
 * The annotation on a fake node that sets the CPU every container on it uses, in the rehearsal's
 * own KWOK ResourceUsage: turning it up is the rehearsal's load generator (the HPA scales on it).
 */
export const CPU_PER_CONTAINER_ANNOTATION = "rehearsal.candlefish.ai/cpu-per-container";
/** What a container uses when nobody turned the load up: far below every HPA target. */
const IDLE_CPU = "5m";
const IDLE_MEMORY = "64Mi";

/**
 * KWOK's usage emulation (a ClusterResourceUsage, evaluated per container) for KWOK's emulated
 * kubelet `/metrics/resource` endpoint, which metrics-server scrapes: every container uses the
 * CPU its node's annotation says (idle without it) and a fixed working set.
 */
export function kwokUsageConfig(): string {
  return stringify({
    apiVersion: "kwok.x-k8s.io/v1alpha1",
    kind: "ClusterResourceUsage",
    metadata: { name: "rehearsal-load" },
    spec: {
      usages: [
        {
          usage: {
            cpu: {
              expression: `"${CPU_PER_CONTAINER_ANNOTATION}" in node.metadata.annotations ? Quantity(node.metadata.annotations["${CPU_PER_CONTAINER_ANNOTATION}"]) : Quantity("${IDLE_CPU}")`,
            },
            memory: { expression: `Quantity("${IDLE_MEMORY}")` },
          },
        },
      ],
    },
  });
}

/** KWOK's emulated kubelet endpoint for one node, where metrics-server finds it (metrics-server ≥ 0.7). */
export const resourceMetricsPath = (node: string) => `/metrics/nodes/${node}/metrics/resource`;

/**
 * The real metrics-server v0.8.0, scraping KWOK's emulated kubelets, registered with the API
 * server's aggregation layer as `v1beta1.metrics.k8s.io` through an ExternalName Service on
 * loopback (what kwokctl does). The HPA then reads real resource metrics, so Argo CD sees the
 * HPA the way it would in production instead of Degraded for missing metrics.
 */
export async function startMetricsServer(kubectl: Kubectl, kubeconfig: string, dir: string): Promise<Managed> {
  const port = await freePort();
  const kubeconfigFlags = ["kubeconfig", "authentication-kubeconfig", "authorization-kubeconfig"].map(
    (flag) => `--${flag}=${kubeconfig}`,
  );
  const managed = startManaged(toolPath("bin", "metrics-server"), [
    ...kubeconfigFlags,
    "--bind-address=127.0.0.1",
    `--secure-port=${port}`,
    `--cert-dir=${join(dir, "metrics-server")}`,
    "--kubelet-use-node-status-port",
    "--kubelet-preferred-address-types=InternalIP",
    // KWOK's emulated kubelets serve a certificate of this run only, on loopback.
    "--kubelet-insecure-tls",
    // The shortest resolution it accepts (it must also exceed the kubelet timeout); the HPA's
    // own period is 2 s here (cluster.ts).
    "--metric-resolution=10s",
    "--kubelet-request-timeout=5s",
  ]);
  await kubectl.apply([
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "metrics-server", namespace: "kube-system" },
      spec: { type: "ExternalName", externalName: "127.0.0.1", ports: [{ name: "https", port }] },
    },
    {
      apiVersion: "apiregistration.k8s.io/v1",
      kind: "APIService",
      metadata: { name: "v1beta1.metrics.k8s.io" },
      spec: {
        group: "metrics.k8s.io",
        version: "v1beta1",
        groupPriorityMinimum: 100,
        versionPriority: 100,
        service: { name: "metrics-server", namespace: "kube-system", port },
        // Its serving certificate is self-signed for this run, on loopback.
        insecureSkipTLSVerify: true,
      },
    },
  ]);
  // Available: the API server reaches it and it authenticates the users the API server forwards.
  // (Node metrics only appear once pods run: metrics-server drops a node that uses no CPU.)
  await waitFor(
    "the metrics API (v1beta1.metrics.k8s.io) is Available",
    async () => {
      const status = await kubectl.run([
        "get",
        "apiservice",
        "v1beta1.metrics.k8s.io",
        "-o",
        "jsonpath={.status.conditions[?(@.type=='Available')].status}",
      ]);
      return status === "True" ? true : undefined;
    },
    60_000,
  ).catch((error: Error) => {
    const said = managed
      .output()
      .split("\n")
      .filter((line) => !line.includes("client-ca"))
      .slice(-30)
      .join("\n");
    throw new Error(`${error.message}\nmetrics-server said:\n${said}`);
  });
  return managed;
}
