import { Duration, Size } from "cdk8s";
import * as kplus from "cdk8s-plus-28";
import { restrictedSecurityContext } from "./hardened-container";
import { commonLabels, type WorkloadIdentity } from "./labels";
import { scratchChart, workloadSpecJson } from "./scratch";

export interface SmokeTestJobProps {
  readonly identity: WorkloadIdentity;
  readonly image: string;
  /** URL the requests go to; may hold Argo Rollouts `{{args.*}}` placeholders. */
  readonly url: string;
  readonly requests: number;
  /** Failed requests tolerated before the Job, and so the gate, fails. */
  readonly allowedFailures: number;
}

/** The `nobody` user: the smoke Job needs no identity at all. */
const NOBODY = 65534;

/**
 * Sends a bounded number of requests, ~5 a second, and fails when more than
 * ALLOWED_FAILURES were not 2xx/3xx. Its traffic is what the preview's
 * Prometheus gates then measure.
 */
const SCRIPT = `set -u
sent=0; failed=0
while [ "$sent" -lt "$REQUESTS" ]; do
  code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$URL") || code=000
  case "$code" in 2??|3??) ;; *) failed=$((failed + 1)) ;; esac
  sent=$((sent + 1))
  sleep 0.2
done
echo "smoke test: $sent requests to $URL, $failed failed, $ALLOWED_FAILURES allowed"
[ "$failed" -le "$ALLOWED_FAILURES" ]
`;

/** The Job spec of the pre-promotion smoke test, hardened like the website pods. */
export function smokeTestJobSpec(props: SmokeTestJobProps): Record<string, unknown> {
  const scratch = scratchChart();
  const job = new kplus.Job(scratch, "smoke-test", {
    // Its own name: the website's selectors (PDB, spread, Services) must never count these pods.
    podMetadata: { labels: commonLabels({ ...props.identity, workload: `${props.identity.workload}-smoke-test` }) },
    backoffLimit: 0,
    activeDeadline: Duration.minutes(5),
    ttlAfterFinished: Duration.minutes(10),
    automountServiceAccountToken: false,
    securityContext: { ensureNonRoot: true, user: NOBODY, group: NOBODY },
    containers: [
      {
        name: "smoke-test",
        image: props.image,
        imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
        command: ["/bin/sh", "-c", SCRIPT],
        envVariables: {
          URL: kplus.EnvValue.fromValue(props.url),
          REQUESTS: kplus.EnvValue.fromValue(String(props.requests)),
          ALLOWED_FAILURES: kplus.EnvValue.fromValue(String(props.allowedFailures)),
        },
        securityContext: restrictedSecurityContext(NOBODY),
        resources: {
          cpu: { request: kplus.Cpu.millis(20), limit: kplus.Cpu.millis(200) },
          memory: { request: Size.mebibytes(32), limit: Size.mebibytes(64) },
        },
      },
    ],
  });
  return workloadSpecJson(job);
}
