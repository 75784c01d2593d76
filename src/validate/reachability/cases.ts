import { DATABASE_JOBS } from "../../constructs/database-jobs-names";
import { commonLabels } from "../../constructs/labels";
import { smokeTestIdentity } from "../../constructs/smoke-test-job";
import type { EnvConfig } from "../../env";

/** One end of a connection as cyclonus models it (pkg/matcher/traffic.go, TrafficPeer). */
export interface Peer {
  /** What a reader of the table calls it. */
  readonly name: string;
  readonly ip: string;
  /** Set for a pod: its namespace and labels. Unset for anything outside the cluster's pods. */
  readonly pod?: { readonly namespace: string; readonly labels: Record<string, string> };
}

export type Verdict = "allow" | "deny";

/** A row of the truth table: who connects to whom on which port, and what the policies must say. */
export interface ReachabilityCase {
  readonly from: Peer;
  readonly to: Peer;
  readonly protocol: "TCP" | "UDP";
  readonly port: number;
  /** The destination container's name for the port, when it has one (named-port rules match on it). */
  readonly portName?: string;
  readonly expected: Verdict;
}

/** The `offset`-th address of an IPv4 CIDR (offset 10 of 10.0.0.0/24 is 10.0.0.10). */
export function hostIn(cidr: string, offset: number): string {
  const [address = ""] = cidr.split("/");
  const value = address.split(".").reduce((sum, octet) => sum * 256 + Number(octet), 0) + offset;
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

const nth = (cidrs: readonly string[], index: number): string => cidrs[index % cidrs.length] ?? cidrs[0] ?? "";

/**
 * The truth table the issue asks for, over one env's addresses: the load balancers' subnets reach the
 * website's HTTP port and nothing else, other pods do not reach it at all, the website reaches
 * PostgreSQL and Redis in the data subnets, HTTPS anywhere, DNS in kube-system, and no other port;
 * Prometheus alone reads the metrics port. Expected verdicts are the specification; cyclonus decides.
 */
export function reachabilityCases(env: EnvConfig): ReachabilityCase[] {
  const { infra, platform } = env;
  const workload = env.workloads.website;
  if (workload === undefined) throw new Error(`env ${env.name}: no website workload to build the truth table for`);
  const inNamespace = (name: string, namespace: string, labels: Record<string, string>, ip: string): Peer => ({
    name,
    ip,
    pod: { namespace, labels },
  });
  const own = (name: string, workloadName: string, offset: number) =>
    inNamespace(
      name,
      env.namespace,
      commonLabels({ env: env.name, workload: workloadName }),
      hostIn(nth(infra.privateSubnetCidrs, offset), 20 + offset),
    );
  const external = (name: string, ip: string): Peer => ({ name, ip });

  const website = own("website pod", "website", 0);
  const otherWebsite = own("another website pod", "website", 1);
  const smoke = own("smoke Job pod", smokeTestIdentity({ env: env.name, workload: "website" }).workload, 2);
  const migrate = own("db-migrate Job pod", DATABASE_JOBS.migrate, 3);
  const backup = own("db-backup Job pod", DATABASE_JOBS.backup, 4);
  const prometheus = inNamespace(
    "Prometheus",
    platform.monitoringNamespace,
    { "app.kubernetes.io/name": "prometheus" },
    hostIn(nth(infra.privateSubnetCidrs, 1), 30),
  );
  const grafana = inNamespace(
    "Grafana",
    platform.monitoringNamespace,
    { "app.kubernetes.io/name": "grafana" },
    hostIn(nth(infra.privateSubnetCidrs, 2), 31),
  );
  const rollouts = inNamespace(
    "Argo Rollouts controller",
    platform.rolloutsNamespace,
    { "app.kubernetes.io/name": "argo-rollouts" },
    hostIn(nth(infra.privateSubnetCidrs, 0), 32),
  );
  const stranger = inNamespace(
    "a pod of another namespace",
    "other-team",
    { "app.kubernetes.io/name": "other" },
    hostIn(nth(infra.privateSubnetCidrs, 1), 33),
  );
  const kubeDns = inNamespace(
    "kube-dns",
    "kube-system",
    { "k8s-app": "kube-dns" },
    hostIn(nth(infra.privateSubnetCidrs, 2), 34),
  );
  const otherSystemPod = inNamespace(
    "another kube-system pod",
    "kube-system",
    { "k8s-app": "metrics-server" },
    hostIn(nth(infra.privateSubnetCidrs, 0), 35),
  );
  const publicAlb = external("internet-facing ALB node (public subnet)", hostIn(nth(infra.publicSubnetCidrs, 0), 10));
  const previewAlb = external("internal preview ALB node (public subnet)", hostIn(nth(infra.publicSubnetCidrs, 2), 11));
  const privateHost = external("an EC2 host in the private subnets", hostIn(nth(infra.privateSubnetCidrs, 1), 5));
  const postgres = external("RDS PostgreSQL (data subnet)", hostIn(nth(infra.dataSubnetCidrs, 0), 10));
  const redis = external("ElastiCache Redis (data subnet)", hostIn(nth(infra.dataSubnetCidrs, 1), 10));
  const internet = external("an internet address", "203.0.113.10");

  const http = { protocol: "TCP", port: workload.containerPort, portName: "http" } as const;
  const metrics = { protocol: "TCP", port: workload.metrics.port, portName: "metrics" } as const;
  const tcp = (port: number) => ({ protocol: "TCP", port }) as const;
  const row = (from: Peer, to: Peer, port: Omit<ReachabilityCase, "from" | "to" | "expected">, expected: Verdict) => ({
    from,
    to,
    ...port,
    expected,
  });

  return [
    row(publicAlb, website, http, "allow"),
    row(previewAlb, website, http, "allow"),
    row(publicAlb, website, metrics, "deny"),
    row(stranger, website, http, "deny"),
    row(privateHost, website, http, "deny"),
    row(otherWebsite, website, http, "deny"),
    row(prometheus, website, metrics, "allow"),
    row(prometheus, website, http, "deny"),
    row(grafana, website, metrics, "deny"),
    row(smoke, website, http, "allow"),
    row(smoke, website, metrics, "deny"),
    row(rollouts, website, http, "allow"),
    row(website, postgres, tcp(5432), "allow"),
    row(website, redis, tcp(6379), "allow"),
    row(website, postgres, tcp(22), "deny"),
    row(website, internet, tcp(443), "allow"),
    row(website, internet, tcp(80), "deny"),
    row(website, kubeDns, { protocol: "UDP", port: 53 }, "allow"),
    row(website, kubeDns, tcp(53), "allow"),
    row(website, otherSystemPod, { protocol: "UDP", port: 53 }, "deny"),
    row(website, stranger, tcp(workload.containerPort), "deny"),
    row(migrate, postgres, tcp(5432), "allow"),
    // The migration fetches the RDS CA bundle for verify-full, and AWS APIs are on 443 anywhere (allow-https-egress).
    row(migrate, internet, tcp(443), "allow"),
    row(migrate, internet, tcp(80), "deny"),
    row(backup, internet, tcp(443), "allow"),
    row(smoke, internet, tcp(443), "deny"),
  ];
}
