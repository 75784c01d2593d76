import { Duration, Size } from "cdk8s";
import * as kplus from "cdk8s-plus-28";
import type { Construct } from "constructs";
import type { WorkloadConfig } from "../env";
import { TMP_VOLUME_MEBIBYTES } from "../env/quantity";
import { containerResources, workloadBudget } from "./container-budget";

/** UID/GID of the image's unprivileged user; no root, no name lookup needed. */
export const RUNTIME_USER = 10001;

/** The writable /tmp every read-only-root container gets, size-limited so it cannot fill the node. */
export function tmpVolume(scope: Construct): kplus.Volume {
  return kplus.Volume.fromEmptyDir(scope, "tmp", "tmp", { sizeLimit: Size.mebibytes(TMP_VOLUME_MEBIBYTES) });
}

function probeTiming(periodSeconds: number, failureThreshold: number) {
  return {
    periodSeconds: Duration.seconds(periodSeconds),
    failureThreshold,
    timeoutSeconds: Duration.seconds(2),
    initialDelaySeconds: Duration.seconds(0),
    successThreshold: 1,
  };
}

function httpProbe(path: string, port: number, periodSeconds: number, failureThreshold: number): kplus.Probe {
  return kplus.Probe.fromHttpGet(path, { port, ...probeTiming(periodSeconds, failureThreshold) });
}

/**
 * "The process is alive": the port accepts connections. The health path checks the database and
 * Redis (docs/rollouts.md, health contract), so probing it for liveness would restart every pod on
 * a dependency blip; that check belongs to readiness, which only takes a pod out of the Service.
 */
function tcpProbe(port: number, periodSeconds: number, failureThreshold: number): kplus.Probe {
  return kplus.Probe.fromTcpSocket({ port, ...probeTiming(periodSeconds, failureThreshold) });
}

/** What Pod Security Admission `restricted` demands, and a read-only root on top. */
export function restrictedSecurityContext(user: number): kplus.ContainerSecurityContextProps {
  return {
    ensureNonRoot: true,
    user,
    group: user,
    privileged: false,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: [kplus.Capability.ALL] },
    seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
  };
}

/**
 * Every field of the website container set on purpose: cdk8s-plus would
 * otherwise add a startup probe and `imagePullPolicy: Always` of its own.
 */
export function hardenedContainerProps(
  name: string,
  image: string,
  workload: WorkloadConfig,
  tmp: kplus.Volume,
  secrets: readonly kplus.ISecret[],
): kplus.ContainerProps {
  return {
    name,
    image,
    // The reference is pinned (no `latest`), so a cached layer is the same image.
    imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
    // Named ports: Services and the ServiceMonitor refer to them by name.
    ports: [
      { name: "http", number: workload.containerPort, protocol: kplus.Protocol.TCP },
      { name: "metrics", number: workload.metrics.port, protocol: kplus.Protocol.TCP },
    ],
    securityContext: restrictedSecurityContext(RUNTIME_USER),
    resources: containerResources(workloadBudget(workload)),
    // Startup allows 2 minutes of boot; after that liveness restarts a process that stopped
    // accepting connections within 30 s, and readiness (dependencies included) drops a pod from
    // the Service within 15 s without restarting it.
    startup: httpProbe(workload.healthPath, workload.containerPort, 5, 24),
    liveness: tcpProbe(workload.containerPort, 10, 3),
    readiness: httpProbe(workload.healthPath, workload.containerPort, 5, 3),
    volumeMounts: [{ path: "/tmp", volume: tmp }],
    envVariables: {
      NODE_ENV: kplus.EnvValue.fromValue("production"),
      // RDS and ElastiCache refuse plain connections (parameter group, transit encryption).
      PGSSLMODE: kplus.EnvValue.fromValue("require"),
      REDIS_TLS: kplus.EnvValue.fromValue("true"),
    },
    envFrom: secrets.map((secret) => kplus.Env.fromSecret(secret)),
  };
}
