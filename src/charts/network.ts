import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import { AlbIngress } from "../constructs/alb-ingress";
import { DATABASE_JOBS } from "../constructs/database-jobs-names";
import { commonLabels } from "../constructs/labels";
import { AllowPolicy, cidrPeers, DefaultDenyPolicy, namespacePeer } from "../constructs/network-policy";
import { smokeTestIdentity } from "../constructs/smoke-test-job";
import type { EnvConfig } from "../env";

const DNS_PORTS = [
  { protocol: "UDP", port: 53 },
  { protocol: "TCP", port: 53 },
] as const;

/**
 * Default deny for the whole namespace, then one policy per reason to talk.
 * Anything not listed here is blocked, in both directions.
 */
export class NetworkChart extends Chart {
  constructor(scope: Construct, env: EnvConfig) {
    super(scope, "network", { namespace: env.namespace, disableResourceNameHashes: true });
    const labels = commonLabels({ env: env.name, workload: "network" });
    const { infra, platform } = env;
    const databaseClients = [...Object.keys(env.workloads), DATABASE_JOBS.migrate, DATABASE_JOBS.backup];

    new DefaultDenyPolicy(this, "default-deny", labels);
    new AllowPolicy(this, "dns", {
      name: "allow-dns-egress",
      reason: "Every pod resolves Service and AWS names through the cluster DNS in kube-system.",
      pods: "all-pods",
      labels,
      egress: { peers: [namespacePeer("kube-system", { "k8s-app": "kube-dns" })], ports: DNS_PORTS },
    });
    new AllowPolicy(this, "postgres", {
      name: "allow-postgres-egress",
      reason: "The website, its migrations and backups use RDS PostgreSQL in the data subnets.",
      pods: databaseClients,
      labels,
      egress: { peers: cidrPeers(infra.dataSubnetCidrs), ports: [{ protocol: "TCP", port: 5432 }] },
    });
    new AllowPolicy(this, "aws-apis", {
      name: "allow-https-egress",
      reason:
        "AWS APIs (S3 for backups, STS for IRSA) and the RDS CA bundle the database jobs fetch over HTTPS; VPC endpoints and public endpoints share no stable CIDR, so any address on 443.",
      pods: [...Object.keys(env.workloads), DATABASE_JOBS.migrate, DATABASE_JOBS.backup],
      labels,
      egress: { peers: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] },
    });

    for (const [workloadName, workload] of Object.entries(env.workloads)) {
      const identity = { env: env.name, workload: workloadName };
      const smokeTest = smokeTestIdentity(identity).workload;
      // Both ALBs live in the public subnets, where no node or pod runs (terraform-ts tags them for the
      // internal preview ALB too); the private subnets hold every pod, so allowing them would allow everyone.
      new AllowPolicy(this, `${workloadName}-alb`, {
        name: `allow-${workloadName}-from-load-balancer`,
        reason:
          "The ALBs (target-type ip) send user traffic straight to pod IPs from their nodes in the public subnets, where no pod runs.",
        pods: [workloadName],
        labels,
        ingress: { peers: cidrPeers(infra.publicSubnetCidrs), ports: [{ protocol: "TCP", port: "http" }] },
      });
      new AllowPolicy(this, `${workloadName}-prometheus`, {
        name: `allow-${workloadName}-from-monitoring`,
        reason: "Prometheus scrapes the metrics port; nothing else may read it.",
        pods: [workloadName],
        labels,
        ingress: {
          peers: [namespacePeer(platform.monitoringNamespace, { "app.kubernetes.io/name": "prometheus" })],
          ports: [{ protocol: "TCP", port: "metrics" }],
        },
      });
      new AllowPolicy(this, `${workloadName}-release-checks`, {
        name: `allow-${workloadName}-from-release-checks`,
        reason:
          "Pre-promotion gates reach the preview: the smoke Job in this namespace and the controller's health probe.",
        pods: [workloadName],
        labels,
        ingress: {
          peers: [
            { podSelector: { matchLabels: { "app.kubernetes.io/name": smokeTest } } },
            namespacePeer(platform.rolloutsNamespace),
          ],
          ports: [{ protocol: "TCP", port: "http" }],
        },
      });
      new AllowPolicy(this, `${workloadName}-smoke-egress`, {
        name: `allow-${smokeTest}-egress`,
        reason: "The smoke Job sends its synthetic requests to the preview pods, and nowhere else.",
        pods: [smokeTest],
        labels,
        egress: {
          peers: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": workloadName } } }],
          ports: [{ protocol: "TCP", port: workload.containerPort }],
        },
      });
      new AllowPolicy(this, `${workloadName}-redis`, {
        name: `allow-${workloadName}-redis-egress`,
        reason: "The website caches sessions and pages in ElastiCache Redis in the data subnets.",
        pods: [workloadName],
        labels,
        egress: { peers: cidrPeers(infra.dataSubnetCidrs), ports: [{ protocol: "TCP", port: 6379 }] },
      });
      new AlbIngress(this, `${workloadName}-ingress`, { env, identity, workload });
    }
  }
}
