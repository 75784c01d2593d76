import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { EnvConfig, WorkloadConfig } from "../env";
import { commonLabels, type WorkloadIdentity } from "./labels";
import { rolloutServiceNames } from "./rollout-services";
import { SYNC_WAVE, syncWave } from "./sync-wave";

export interface AlbIngressProps {
  readonly env: EnvConfig;
  readonly identity: WorkloadIdentity;
  readonly workload: WorkloadConfig;
}

const ALB = "alb.ingress.kubernetes.io";

/** Annotations the AWS Load Balancer Controller reads; every value spelled out. */
function albAnnotations(props: AlbIngressProps, scheme: "internet-facing" | "internal"): Record<string, string> {
  const { env, workload } = props;
  return {
    ...syncWave(SYNC_WAVE.supporting),
    [`${ALB}/scheme`]: scheme,
    // Pod IPs as targets: the Rollout's Service switch reaches the ALB without a NodePort hop.
    [`${ALB}/target-type`]: "ip",
    [`${ALB}/listen-ports`]: '[{"HTTP":80},{"HTTPS":443}]',
    [`${ALB}/ssl-redirect`]: "443",
    [`${ALB}/certificate-arn`]: env.infra.certificateArn,
    [`${ALB}/ssl-policy`]: env.ingress.sslPolicy,
    [`${ALB}/healthcheck-path`]: workload.healthPath,
    [`${ALB}/healthcheck-port`]: "traffic-port",
    [`${ALB}/success-codes`]: "200",
    [`${ALB}/load-balancer-attributes`]:
      "routing.http.drop_invalid_header_fields.enabled=true,deletion_protection.enabled=true",
    ...(scheme === "internet-facing" ? { [`${ALB}/wafv2-acl-arn`]: env.infra.wafAclArn } : {}),
  };
}

function rule(host: string, service: string): k8s.IngressRule {
  return {
    host,
    http: {
      paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: service, port: { name: "http" } } } }],
    },
  };
}

/**
 * The public entry: an internet-facing ALB with TLS 1.2+, WAF and HTTP→HTTPS
 * to the active Service; optionally an internal ALB to the preview Service.
 */
export class AlbIngress extends Construct {
  constructor(scope: Construct, id: string, props: AlbIngressProps) {
    super(scope, id);
    const { env, identity } = props;
    const services = rolloutServiceNames(identity);
    const labels = commonLabels(identity);
    new k8s.KubeIngress(this, "public", {
      metadata: { name: identity.workload, labels, annotations: albAnnotations(props, "internet-facing") },
      spec: {
        ingressClassName: "alb",
        tls: [{ hosts: [env.domain] }],
        rules: [rule(env.domain, services.active)],
      },
    });
    if (env.ingress.previewHost !== undefined) {
      new k8s.KubeIngress(this, "preview", {
        metadata: { name: `${identity.workload}-preview`, labels, annotations: albAnnotations(props, "internal") },
        spec: {
          ingressClassName: "alb",
          tls: [{ hosts: [env.ingress.previewHost] }],
          rules: [rule(env.ingress.previewHost, services.preview)],
        },
      });
    }
  }
}
