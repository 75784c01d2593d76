import type { Duration } from "cdk8s";
import * as kplus from "cdk8s-plus-28";
import { type ContainerBudget, containerResources } from "./container-budget";
import { restrictedSecurityContext, tmpVolume } from "./hardened-container";
import { scratchChart, workloadSpecJson } from "./scratch";

/** A Secret mounted read-only into a job's container. */
export interface SecretMount {
  readonly secretName: string;
  readonly path: string;
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
}

/**
 * The spec of a Job whose every container meets Pod Security `restricted`,
 * with a writable /tmp on a read-only root. Built with cdk8s-plus in a
 * scratch chart so Jobs, CronJobs and analysis Jobs share one definition.
 */
export function hardenedJobSpec(props: HardenedJobProps): Record<string, unknown> {
  const scratch = scratchChart();
  const tmp = tmpVolume(scratch);
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
        envVariables: Object.fromEntries(
          Object.entries(props.env ?? {}).map(([name, value]) => [name, kplus.EnvValue.fromValue(value)]),
        ),
        envFrom: (props.envFromSecrets ?? []).map((name) =>
          kplus.Env.fromSecret(kplus.Secret.fromSecretName(scratch, `${name}-env`, name)),
        ),
        securityContext: restrictedSecurityContext(props.user),
        resources: containerResources(props.budget),
        volumeMounts: [{ path: "/tmp", volume: tmp }, ...mounts],
      },
    ],
  });
  return workloadSpecJson(job);
}
