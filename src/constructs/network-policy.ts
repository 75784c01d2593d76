import { k8s } from "cdk8s-plus-28";
import type { Construct } from "constructs";
import { SYNC_WAVE, syncWave } from "./sync-wave";

/** Pods by their `app.kubernetes.io/name`, or every pod of the namespace. */
export type PodNames = readonly string[] | "all-pods";

export interface TrafficRule {
  readonly peers: readonly k8s.NetworkPolicyPeer[];
  readonly ports: readonly { readonly protocol: "TCP" | "UDP"; readonly port: number | string }[];
}

export interface AllowPolicyProps {
  readonly name: string;
  /** Why this traffic is allowed; rendered as an annotation for reviewers of dist/. */
  readonly reason: string;
  readonly pods: PodNames;
  readonly labels: Record<string, string>;
  readonly ingress?: TrafficRule;
  readonly egress?: TrafficRule;
}

export function podSelector(pods: PodNames): k8s.LabelSelector {
  return pods === "all-pods"
    ? {}
    : { matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: [...pods] }] };
}

function toRule(rule: TrafficRule) {
  return {
    peers: [...rule.peers],
    ports: rule.ports.map(({ protocol, port }) => ({
      protocol,
      port: typeof port === "number" ? k8s.IntOrString.fromNumber(port) : k8s.IntOrString.fromString(port),
    })),
  };
}

/** One allow rule on top of the namespace's default deny, saying why it exists. */
export class AllowPolicy extends k8s.KubeNetworkPolicy {
  constructor(scope: Construct, id: string, props: AllowPolicyProps) {
    const ingress = props.ingress === undefined ? undefined : toRule(props.ingress);
    const egress = props.egress === undefined ? undefined : toRule(props.egress);
    super(scope, id, {
      metadata: {
        name: props.name,
        labels: props.labels,
        annotations: { ...syncWave(SYNC_WAVE.supporting), "candlefish.ai/reason": props.reason },
      },
      spec: {
        podSelector: podSelector(props.pods),
        policyTypes: [...(ingress ? ["Ingress"] : []), ...(egress ? ["Egress"] : [])],
        ingress: ingress ? [{ from: ingress.peers, ports: ingress.ports }] : undefined,
        egress: egress ? [{ to: egress.peers, ports: egress.ports }] : undefined,
      },
    });
  }
}

/** Denies all ingress and egress to every pod unless an AllowPolicy opens it. */
export class DefaultDenyPolicy extends k8s.KubeNetworkPolicy {
  /** `name` differs per namespace: dist/<env>/ holds one file per kind and name. */
  constructor(scope: Construct, id: string, labels: Record<string, string>, name = "default-deny-all") {
    super(scope, id, {
      metadata: { name, labels, annotations: syncWave(SYNC_WAVE.supporting) },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    });
  }
}

/** Peers in another namespace, by its immutable name label. */
export function namespacePeer(namespace: string, podLabels?: Record<string, string>): k8s.NetworkPolicyPeer {
  return {
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } },
    podSelector: podLabels === undefined ? undefined : { matchLabels: podLabels },
  };
}

export function cidrPeers(cidrs: readonly string[]): k8s.NetworkPolicyPeer[] {
  return cidrs.map((cidr) => ({ ipBlock: { cidr } }));
}
