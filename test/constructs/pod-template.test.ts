import { describe, expect, it } from "vitest";
import { configOf, type Manifest, manifestsOf } from "../support/fixtures";

function podTemplates(env: string): Manifest[] {
  return manifestsOf(configOf(env))
    .filter((m) => m.spec?.template?.spec?.containers !== undefined)
    .map((m) => m.spec.template);
}

function rolloutTemplate(): Manifest {
  const [template] = podTemplates("production");
  if (template === undefined) throw new Error("production renders no pod template");
  return template;
}

describe("hardened pod template", () => {
  it("hardens every container of every pod template", () => {
    const templates = podTemplates("production");
    expect(templates.length).toBeGreaterThan(0);
    for (const template of templates) {
      for (const container of template.spec.containers) {
        expect(container.securityContext).toMatchObject({
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          capabilities: { drop: ["ALL"] },
          seccompProfile: { type: "RuntimeDefault" },
        });
        expect(container.imagePullPolicy).toBe("IfNotPresent");
        expect(container.resources.requests).toEqual({ cpu: "250m", memory: "512Mi" });
        expect(container.resources.limits).toEqual({ cpu: "1000m", memory: "1024Mi" });
      }
      expect(template.spec.automountServiceAccountToken).toBe(false);
      expect(template.spec.securityContext.runAsNonRoot).toBe(true);
    }
  });

  it("gives the read-only root file system a size-limited emptyDir at /tmp", () => {
    const template = rolloutTemplate();
    expect(template.spec.volumes).toEqual([{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }]);
    expect(template.spec.containers[0].volumeMounts).toEqual([{ name: "tmp", mountPath: "/tmp" }]);
  });

  it("probes the health path for startup, liveness and readiness", () => {
    const [container] = rolloutTemplate().spec.containers;
    for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
      expect(container[probe].httpGet).toEqual({ path: "/api/health", port: 3000, scheme: "HTTP" });
    }
    expect(container.startupProbe.failureThreshold * container.startupProbe.periodSeconds).toBe(120);
  });

  it("spreads pods over the env's zones and prefers separate nodes", () => {
    const template = rolloutTemplate();
    const spread = template.spec.topologySpreadConstraints;
    expect(spread).toEqual([
      {
        topologyKey: "topology.kubernetes.io/zone",
        maxSkew: 1,
        whenUnsatisfiable: "DoNotSchedule",
        labelSelector: { matchLabels: template.metadata.labels },
        matchLabelKeys: ["rollouts-pod-template-hash"],
      },
    ]);
    const zoneTerm = template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
    expect(zoneTerm.nodeSelectorTerms[0].matchExpressions[0].values).toEqual(configOf("production").topology.zones);
    const [antiAffinity] = template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution;
    expect(antiAffinity.podAffinityTerm.topologyKey).toBe("kubernetes.io/hostname");
  });

  it("runs as the workload's own service account", () => {
    expect(rolloutTemplate().spec.serviceAccountName).toBe("website");
  });
});
