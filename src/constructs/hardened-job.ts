import { Duration, Size } from "cdk8s";
import * as kplus from "cdk8s-plus-28";
import type { Construct } from "constructs";
import { type ContainerBudget, containerResources, withEphemeralStorage } from "./container-budget";
import { restrictedSecurityContext, tmpVolume } from "./hardened-container";
import { scratchChart, workloadSpecJson } from "./scratch";

/** A Secret mounted read-only into a job's container. */
export interface SecretMount {
  readonly secretName: string;
  readonly path: string;
}

/** A size-limited emptyDir the job's containers share. */
export interface ScratchVolume {
  readonly name: string;
  readonly sizeMebibytes: number;
}

export interface ScratchMount {
  readonly volume: string;
  readonly path: string;
  readonly readOnly?: boolean;
}

/**
 * A container that runs before the job's own: to completion (`sidecar: false`), or, as a native
 * sidecar (init container with `restartPolicy: Always`, GA in Kubernetes 1.33 and in the 1.28
 * schema as alpha), for as long as the job's container runs; the kubelet stops it after that.
 */
export interface HardenedInitContainer {
  readonly name: string;
  readonly image: string;
  readonly command: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly user: number;
  readonly budget: ContainerBudget;
  readonly mounts: readonly ScratchMount[];
  readonly sidecar: boolean;
  /** A sidecar's readiness: the job's container starts once this command succeeds. */
  readonly startupCommand?: readonly string[];
}

export interface HardenedJobProps {
  readonly labels: Record<string, string>;
  readonly image: string;
  readonly command: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Secrets whose keys become environment variables (e.g. PG* for libpq). */
  readonly envFromSecrets?: readonly string[];
  readonly secretMounts?: readonly SecretMount[];
  readonly serviceAccountName?: string;
  readonly user: number;
  readonly budget: ContainerBudget;
  readonly backoffLimit: number;
  readonly activeDeadline: Duration;
  /** Omit for Argo CD hooks: Argo CD deletes those itself. */
  readonly ttlAfterFinished?: Duration;
  readonly scratchVolumes?: readonly ScratchVolume[];
  /** The job container's mounts of the scratch volumes. */
  readonly scratchMounts?: readonly ScratchMount[];
  readonly initContainers?: readonly HardenedInitContainer[];
}

function envOf(env: Readonly<Record<string, string>> | undefined): Record<string, kplus.EnvValue> {
  return Object.fromEntries(Object.entries(env ?? {}).map(([name, value]) => [name, kplus.EnvValue.fromValue(value)]));
}

function initContainerProps(
  init: HardenedInitContainer,
  mountsOf: (mounts: readonly ScratchMount[]) => kplus.VolumeMount[],
  tmp: kplus.Volume,
): kplus.ContainerProps {
  const startup =
    init.startupCommand === undefined
      ? undefined
      : kplus.Probe.fromCommand([...init.startupCommand], {
          periodSeconds: Duration.seconds(2),
          failureThreshold: 60,
          timeoutSeconds: Duration.seconds(2),
          initialDelaySeconds: Duration.seconds(0),
          successThreshold: 1,
        });
  return {
    name: init.name,
    image: init.image,
    imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
    command: [...init.command],
    envVariables: envOf(init.env),
    securityContext: restrictedSecurityContext(init.user),
    resources: containerResources(init.budget),
    restartPolicy: init.sidecar ? kplus.ContainerRestartPolicy.ALWAYS : undefined,
    startup,
    volumeMounts: [{ path: "/tmp", volume: tmp }, ...mountsOf(init.mounts)],
  };
}

function scratchVolumes(scope: Construct, volumes: readonly ScratchVolume[]): Map<string, kplus.Volume> {
  return new Map(
    volumes.map(({ name, sizeMebibytes }) => [
      name,
      kplus.Volume.fromEmptyDir(scope, name, name, { sizeLimit: Size.mebibytes(sizeMebibytes) }),
    ]),
  );
}

/**
 * The spec of a Job whose every container meets Pod Security `restricted`,
 * with a writable /tmp on a read-only root. Built with cdk8s-plus in a
 * scratch chart so Jobs, CronJobs and analysis Jobs share one definition.
 */
export function hardenedJobSpec(props: HardenedJobProps): Record<string, unknown> {
  const scratch = scratchChart();
  const tmp = tmpVolume(scratch);
  const shared = scratchVolumes(scratch, props.scratchVolumes ?? []);
  const mountsOf = (list: readonly ScratchMount[]): kplus.VolumeMount[] =>
    list.map(({ volume, path, readOnly }) => {
      const found = shared.get(volume);
      if (found === undefined) throw new Error(`scratch volume ${volume} is mounted but not declared`);
      return { path, volume: found, readOnly: readOnly ?? false };
    });
  const mounts = (props.secretMounts ?? []).map((mount) => ({
    path: mount.path,
    readOnly: true,
    volume: kplus.Volume.fromSecret(
      scratch,
      mount.secretName,
      kplus.Secret.fromSecretName(scratch, `${mount.secretName}-ref`, mount.secretName),
      {
        name: mount.secretName,
        defaultMode: 0o400,
      },
    ),
  }));
  const job = new kplus.Job(scratch, "job", {
    podMetadata: { labels: props.labels },
    backoffLimit: props.backoffLimit,
    activeDeadline: props.activeDeadline,
    ttlAfterFinished: props.ttlAfterFinished,
    automountServiceAccountToken: false,
    serviceAccount:
      props.serviceAccountName === undefined
        ? undefined
        : kplus.ServiceAccount.fromServiceAccountName(scratch, "sa", props.serviceAccountName),
    securityContext: { ensureNonRoot: true, user: props.user, group: props.user, fsGroup: props.user },
    containers: [
      {
        name: props.labels["app.kubernetes.io/name"] ?? "job",
        image: props.image,
        imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
        command: [...props.command],
        envVariables: envOf(props.env),
        envFrom: (props.envFromSecrets ?? []).map((name) =>
          kplus.Env.fromSecret(kplus.Secret.fromSecretName(scratch, `${name}-env`, name)),
        ),
        securityContext: restrictedSecurityContext(props.user),
        resources: containerResources(props.budget),
        volumeMounts: [{ path: "/tmp", volume: tmp }, ...mounts, ...mountsOf(props.scratchMounts ?? [])],
      },
    ],
    initContainers: (props.initContainers ?? []).map((init) => initContainerProps(init, mountsOf, tmp)),
  });
  const spec = workloadSpecJson(job);
  const budgets = new Map((props.initContainers ?? []).map((init) => [init.name, init.budget]));
  return {
    ...spec,
    template: {
      ...spec.template,
      spec: withEphemeralStorage(spec.template.spec, (name) => budgets.get(name) ?? props.budget),
    },
  };
}
