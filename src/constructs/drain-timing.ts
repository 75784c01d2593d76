import type { EnvConfig } from "../env";

/**
 * How long a terminating website pod keeps serving, derived from one number: the ALB target group's
 * deregistration delay (env ingress.deregistrationDelaySeconds), the time the ALB lets in-flight
 * requests to a deregistered target finish.
 *
 * On a scale-in, drain or spot interruption the pod turns Terminating; the AWS Load Balancer Controller
 * sees its endpoint go and deregisters the target, and the ALB stops sending new requests a few seconds
 * later. Until then the pod must keep serving: the preStop hook sleeps through that propagation and the
 * whole deregistration delay, so no request that reached the pod is cut; SIGTERM comes after it, and the
 * grace period leaves the app its own shutdown time on top (the kubelet counts preStop inside the grace
 * period). Argo Rollouts' ALB docs (zero-downtime updates with the AWS Load Balancer Controller) ask for
 * exactly this, with readiness gates so a new pod gets traffic only once registered.
 */
export interface DrainTiming {
  readonly deregistrationDelaySeconds: number;
  readonly preStopSleepSeconds: number;
  readonly terminationGracePeriodSeconds: number;
}

/** Endpoint change -> controller reconcile -> DeregisterTargets -> ALB nodes stop routing: seconds, with margin. */
export const DEREGISTRATION_PROPAGATION_SECONDS = 10;
/** What the app gets after SIGTERM to close keep-alive connections and its database pool. */
export const APP_SHUTDOWN_SECONDS = 15;

export function drainTiming(env: EnvConfig): DrainTiming {
  const deregistrationDelaySeconds = env.ingress.deregistrationDelaySeconds;
  const preStopSleepSeconds = deregistrationDelaySeconds + DEREGISTRATION_PROPAGATION_SECONDS;
  return {
    deregistrationDelaySeconds,
    preStopSleepSeconds,
    terminationGracePeriodSeconds: preStopSleepSeconds + APP_SHUTDOWN_SECONDS,
  };
}
