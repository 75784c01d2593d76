import { describe, expect, it } from "vitest";
import type { Traffic } from "../../harness/scenarios";
import { type LivePod, podLoads, seriesLabels } from "../../rehearsal/traffic-model";

const healthy: Traffic = { rps: 0, errorShare: 0, slowShare: 0, slowSeconds: 0 };
const pod = (name: string, hash: string, role: string, ready = true): LivePod => ({
  name,
  labels: {
    "app.kubernetes.io/name": "website",
    "rollouts-pod-template-hash": hash,
    "candlefish.ai/rollout-role": role,
  },
  image: `candlefish/website:${hash}`,
  ready,
});

// GIVEN the moment after promote: website-active selects the new hash, whose pods are still labelled preview
const oldPod = pod("website-old-1", "aaaa", "active");
const newPods = [pod("website-new-1", "bbbb", "preview"), pod("website-new-2", "bbbb", "preview")];
const services = {
  active: { "app.kubernetes.io/name": "website", "rollouts-pod-template-hash": "bbbb" },
  preview: { "app.kubernetes.io/name": "website", "rollouts-pod-template-hash": "bbbb" },
};

describe("the rehearsal's traffic model, derived from live cluster state", () => {
  it("sends users to the pods the active Service selects, whatever their role label says", () => {
    const loads = podLoads([oldPod, ...newPods], services, () => healthy, 40, 5);
    expect(loads.map((load) => [load.pod.name, load.kind, load.traffic.rps])).toEqual([
      ["website-new-1", "user", 20],
      ["website-new-2", "user", 20],
    ]);
  });

  it("sends the smoke traffic to the pods only the preview Service selects, and nothing to unready pods", () => {
    const beforePromote = { ...services, active: { ...services.active, "rollouts-pod-template-hash": "aaaa" } };
    const loads = podLoads(
      [oldPod, newPods[0] as LivePod, pod("website-new-3", "bbbb", "preview", false)],
      beforePromote,
      () => healthy,
      40,
      5,
    );
    expect(loads.map((load) => [load.pod.name, load.kind, load.traffic.rps])).toEqual([
      ["website-old-1", "user", 40],
      ["website-new-1", "synthetic", 5],
    ]);
  });

  it("behaves as the scenario says the pod's image behaves", () => {
    const loads = podLoads(
      newPods,
      services,
      (image) => ({ ...healthy, errorShare: image.endsWith(":bbbb") ? 0.05 : 0 }),
      40,
      5,
    );
    expect(loads.every((load) => load.traffic.errorShare === 0.05)).toBe(true);
  });

  it("labels a pod's series as the rendered ServiceMonitor's podTargetLabels copy them", () => {
    const [load] = podLoads(newPods, services, () => healthy, 40, 5);
    if (load === undefined) throw new Error("no load");
    expect(seriesLabels("ns", "website-metrics", ["rollouts-pod-template-hash"], load)).toBe(
      'namespace="ns",service="website-metrics",pod="website-new-1",traffic="user",rollouts_pod_template_hash="bbbb"',
    );
    // A ServiceMonitor copying the role instead would label the new pods' series preview.
    expect(seriesLabels("ns", "website-metrics", ["candlefish.ai/rollout-role"], load)).toContain(
      'candlefish_ai_rollout_role="preview"',
    );
  });
});
