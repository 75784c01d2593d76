import { describe, expect, it } from "vitest";
import { APP_SHUTDOWN_SECONDS, DEREGISTRATION_PROPAGATION_SECONDS } from "../../src/constructs/drain-timing";
import { configOf, find, type Manifest, manifestsOf } from "../support/fixtures";

const ATTRIBUTES = "alb.ingress.kubernetes.io/target-group-attributes";

/** The deregistration delay each Ingress gives its target groups, in seconds. */
function deregistrationDelays(objects: Manifest[]): number[] {
  return objects
    .filter((object) => object.kind === "Ingress")
    .map((ingress) => {
      const match = /deregistration_delay\.timeout_seconds=(\d+)/.exec(ingress.metadata.annotations[ATTRIBUTES] ?? "");
      if (match === null) throw new Error(`Ingress ${ingress.metadata.name} leaves the ALB's 300 s default`);
      return Number(match[1]);
    });
}

function drainOf(objects: Manifest[]) {
  const pod = find(objects, "Rollout", "website").spec.template.spec;
  const container = (pod.containers as Manifest[])[0] ?? {};
  return { grace: pod.terminationGracePeriodSeconds as number, preStop: container.lifecycle?.preStop as Manifest };
}

describe("no request dropped on scale-in, drain, spot interruption or release", () => {
  it("labels the namespace so the load balancer controller injects ALB readiness gates", () => {
    for (const env of ["staging", "production"]) {
      const namespace = find(manifestsOf(configOf(env)), "Namespace", configOf(env).namespace);
      expect(namespace.metadata.labels["elbv2.k8s.aws/pod-readiness-gate-inject"]).toBe("enabled");
    }
  });

  it("sleeps in preStop through the deregistration delay and its propagation, then leaves the app its shutdown", () => {
    const objects = manifestsOf(configOf("production"));
    const [delay, ...others] = deregistrationDelays(objects);
    expect(others.every((other) => other === delay)).toBe(true);
    const { grace, preStop } = drainOf(objects);
    expect(preStop).toEqual({
      exec: { command: ["sleep", String(Number(delay) + DEREGISTRATION_PROPAGATION_SECONDS)] },
    });
    expect(grace).toBe(Number(delay) + DEREGISTRATION_PROPAGATION_SECONDS + APP_SHUTDOWN_SECONDS);
  });

  it("moves the ALB attribute, the preStop sleep and the grace period together when the delay changes", () => {
    const input = configOf("production");
    const objects = manifestsOf({ ...input, ingress: { ...input.ingress, deregistrationDelaySeconds: 120 } });
    expect(deregistrationDelays(objects)).toEqual([120, 120]);
    const { grace, preStop } = drainOf(objects);
    expect(preStop.exec.command).toEqual(["sleep", "130"]);
    expect(grace).toBeGreaterThanOrEqual(130 + APP_SHUTDOWN_SECONDS);
  });
});
