import { Duration } from "cdk8s";
import { SYNTHETIC_TRAFFIC, SYNTHETIC_TRAFFIC_HEADER } from "../slo/metric-contract";
import { SMOKE_TEST_BUDGET } from "./container-budget";
import { hardenedJobSpec } from "./hardened-job";
import { commonLabels, type WorkloadIdentity } from "./labels";

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
  code=$(curl -s -o /dev/null -m 5 -H "$TRAFFIC_HEADER" -w '%{http_code}' "$URL") || code=000
  case "$code" in 2??|3??) ;; *) failed=$((failed + 1)) ;; esac
  sent=$((sent + 1))
  sleep 0.2
done
echo "smoke test: $sent requests to $URL, $failed failed, $ALLOWED_FAILURES allowed"
[ "$failed" -le "$ALLOWED_FAILURES" ]
`;

/** The identity of the smoke Job's pods: its own name, so no website selector counts them. */
export function smokeTestIdentity(identity: WorkloadIdentity): WorkloadIdentity {
  return { ...identity, workload: `${identity.workload}-smoke-test` };
}

/** The Job spec of the pre-promotion smoke test, hardened like the website pods. */
export function smokeTestJobSpec(props: SmokeTestJobProps): Record<string, unknown> {
  return hardenedJobSpec({
    labels: commonLabels(smokeTestIdentity(props.identity)),
    image: props.image,
    command: ["/bin/sh", "-c", SCRIPT],
    env: {
      URL: props.url,
      REQUESTS: String(props.requests),
      ALLOWED_FAILURES: String(props.allowedFailures),
      // Keeps these requests out of the SLIs (metric-contract.ts, TRAFFIC_LABEL).
      TRAFFIC_HEADER: `${SYNTHETIC_TRAFFIC_HEADER}: ${SYNTHETIC_TRAFFIC}`,
    },
    user: NOBODY,
    budget: SMOKE_TEST_BUDGET,
    backoffLimit: 0,
    activeDeadline: Duration.minutes(5),
    ttlAfterFinished: Duration.minutes(10),
  });
}
