import { describe, expect, it } from "vitest";
import { configOf, find, type Manifest, manifestsOf } from "../support/fixtures";
import { podTemplatesOf } from "../support/pod-templates";

function rolloutTemplate(): Manifest {
  return find(manifestsOf(configOf("production")), "Rollout", "website").spec.template;
}

describe("hardened pod template", () => {
  for (const env of ["staging", "production"]) {
    it(`hardens every container of every pod template in ${env}: Rollouts, Jobs, CronJobs, analysis Jobs`, () => {
      const templates = podTemplatesOf(manifestsOf(configOf(env)));
      expect(templates.map((t) => t.owner).sort()).toEqual([
        "AnalysisTemplate/website-pre-promotion/smoke-traffic",
        "CronJob/db-backup",
        "CronJob/db-restore-drill",
        "Job/db-migrate",
        "Rollout/website",
      ]);
      for (const { owner, template } of templates) {
        expect(template.spec.automountServiceAccountToken, owner).toBe(false);
        expect(template.spec.securityContext, owner).toMatchObject({
          runAsNonRoot: true,
          seccompProfile: { type: "RuntimeDefault" },
        });
        for (const container of [...template.spec.containers, ...(template.spec.initContainers ?? [])]) {
          expect(container.securityContext, owner).toMatchObject({
            runAsNonRoot: true,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            privileged: false,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
          });
          expect(container.imagePullPolicy, owner).toBe("IfNotPresent");
          const amounts = ["cpu", "ephemeral-storage", "memory"];
          expect(Object.keys(container.resources.requests).sort(), owner).toEqual(amounts);
          expect(Object.keys(container.resources.limits).sort(), owner).toEqual(amounts);
          expect(container.volumeMounts, owner).toContainEqual({ name: "tmp", mountPath: "/tmp" });
        }
      }
    });
  }

  it("gives the website its env's requests and limits", () => {
    const [container] = rolloutTemplate().spec.containers;
    expect(container.resources.requests).toEqual({ cpu: "250m", memory: "512Mi", "ephemeral-storage": "256Mi" });
    expect(container.resources.limits).toEqual({ cpu: "1000m", memory: "1024Mi", "ephemeral-storage": "1024Mi" });
  });

  it("gives the read-only root file system a size-limited emptyDir at /tmp", () => {
    const template = rolloutTemplate();
    expect(template.spec.volumes).toEqual([{ name: "tmp", emptyDir: { sizeLimit: "256Mi" } }]);
    expect(template.spec.containers[0].volumeMounts).toEqual([{ name: "tmp", mountPath: "/tmp" }]);
  });

  it("probes the health path for startup and readiness, and liveness by TCP: a dependency blip restarts nothing", () => {
    const [container] = rolloutTemplate().spec.containers;
    for (const probe of ["startupProbe", "readinessProbe"]) {
      expect(container[probe].httpGet).toEqual({ path: "/api/health", port: 3000, scheme: "HTTP" });
    }
    expect(container.livenessProbe.httpGet).toBeUndefined();
    expect(container.livenessProbe.tcpSocket).toEqual({ port: 3000 });
    expect(container.startupProbe.failureThreshold * container.startupProbe.periodSeconds).toBe(120);
  });

  it("gives the database jobs their ephemeral storage from the env's database settings", () => {
    const input = configOf("production");
    const config = { ...input, database: { ...input.database, backupStorage: { request: "512Mi", limit: "3Gi" } } };
    const backup = find(manifestsOf(config), "CronJob", "db-backup").spec.jobTemplate.spec.template.spec;
    expect(backup.containers[0].resources.requests["ephemeral-storage"]).toBe("512Mi");
    expect(backup.containers[0].resources.limits["ephemeral-storage"]).toBe("3072Mi");
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
