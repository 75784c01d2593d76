import { k8s } from "cdk8s-plus-28";
import { Construct } from "constructs";
import type { EnvConfig, WorkloadConfig } from "../env";
import { drainTiming } from "./drain-timing";
import { commonLabels, type WorkloadIdentity } from "./labels";
import { rolloutServiceNames } from "./rollout-services";
import { SYNC_WAVE, syncWave } from "./sync-wave";

export interface AlbIngressProps {
  readonly env: EnvConfig;
  readonly identity: WorkloadIdentity;
  readonly workload: WorkloadConfig;
}

const ALB = "alb.ingress.kubernetes.io";

/** Namespace label that makes the controller's webhook add ALB readiness gates to new pods. */
export const POD_READINESS_GATE_LABEL = "elbv2.k8s.aws/pod-readiness-gate-inject";

/**
 * Who may call each ALB. The internet-facing one only from CloudFront: its frontend security group
 * (terraform-ts AlbOriginSecurityGroup) admits CloudFront's origin-facing prefix list on HTTPS 443, the only
 * port CloudFront uses (origin `https-only`), so it listens on 443 only. The controller then manages the
 * backend rules from its shared backend group to the pods, which it does not do by default once the
 * frontend groups are given (aws-load-balancer-controller docs/deploy/security_groups.md). The internal
 * preview ALB keeps the controller's own frontend group (listen ports from inside the VPC) and HTTP->HTTPS.
 */
function accessAnnotations(env: EnvConfig, scheme: "internet-facing" | "internal"): Record<string, string> {
  if (scheme === "internal") {
    return { [`${ALB}/listen-ports`]: '[{"HTTP":80},{"HTTPS":443}]', [`${ALB}/ssl-redirect`]: "443" };
  }
  return {
    [`${ALB}/listen-ports`]: '[{"HTTPS":443}]',
    [`${ALB}/security-groups`]: env.infra.albSecurityGroupId,
    [`${ALB}/manage-backend-security-group-rules`]: "true",
    [`${ALB}/wafv2-acl-arn`]: env.infra.wafAclArn,
  };
}

/** Annotations the AWS Load Balancer Controller reads; every value spelled out. */
function albAnnotations(props: AlbIngressProps, scheme: "internet-facing" | "internal"): Record<string, string> {
  const { env, workload } = props;
  return {
    ...syncWave(SYNC_WAVE.supporting),
    [`${ALB}/scheme`]: scheme,
    // Pod IPs as targets: the Rollout's Service switch reaches the ALB without a NodePort hop.
    [`${ALB}/target-type`]: "ip",
    ...accessAnnotations(env, scheme),
    // The pods' preStop sleep and grace period are derived from this same number (drain-timing.ts).
    [`${ALB}/target-group-attributes`]: `deregistration_delay.timeout_seconds=${drainTiming(env).deregistrationDelaySeconds}`,
    [`${ALB}/certificate-arn`]: env.infra.certificateArn,
    [`${ALB}/ssl-policy`]: env.ingress.sslPolicy,
    [`${ALB}/healthcheck-path`]: workload.healthPath,
    [`${ALB}/healthcheck-port`]: "traffic-port",
    [`${ALB}/success-codes`]: "200",
    [`${ALB}/load-balancer-attributes`]:
      "routing.http.drop_invalid_header_fields.enabled=true,deletion_protection.enabled=true",
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
