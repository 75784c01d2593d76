import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Peer, ReachabilityCase, Verdict } from "./cases";

/** What cyclonus answered for one case, beside what the table expects. */
export interface Evaluated extends ReachabilityCase {
  readonly actual: Verdict;
}

/** A peer in cyclonus' traffic JSON (pkg/matcher/traffic.go: Traffic, TrafficPeer, InternalPeer). */
function trafficPeer(peer: Peer) {
  if (peer.pod === undefined) return { IP: peer.ip };
  return {
    IP: peer.ip,
    Internal: {
      PodLabels: peer.pod.labels,
      // What namespace selectors see: the API server sets this label on every namespace.
      NamespaceLabels: { "kubernetes.io/metadata.name": peer.pod.namespace },
      Namespace: peer.pod.namespace,
    },
  };
}

/**
 * `cyclonus analyze --mode query-traffic` prints, per traffic object, its table and then "Is traffic
 * allowed?" with a footer row `IS ALLOWED? | TRUE|FALSE` (pkg/cli/analyze.go, QueryTraffic;
 * pkg/matcher/policy.go, AllowedResult.Table: ingress AND egress allowed).
 */
export function parseVerdicts(output: string): Verdict[] {
  return output
    .split("Is traffic allowed?")
    .slice(1)
    .map((chunk) => {
      const match = /IS ALLOWED\?\s*\|\s*(TRUE|FALSE)/i.exec(chunk);
      if (match === null) throw new Error(`cyclonus printed no verdict in:\n${chunk}`);
      return match[1]?.toUpperCase() === "TRUE" ? "allow" : "deny";
    });
}

/**
 * Evaluates the cases against the given NetworkPolicy files (one object each, as in dist/) with the real cyclonus
 * (matcher.BuildNetworkPolicies + Policy.IsTrafficAllowed): standard NetworkPolicy semantics,
 * ipBlocks matched against pod IPs too, named ports resolved from the destination's port name.
 */
export function evaluateWithCyclonus(
  cyclonus: string,
  policyFiles: readonly string[],
  cases: readonly ReachabilityCase[],
): Evaluated[] {
  const work = mkdtempSync(join(tmpdir(), "reachability-"));
  try {
    // cyclonus reads every file below --policy-path as a NetworkPolicy (pkg/kube/read.go), so only those go there.
    const policyDir = join(work, "policies");
    mkdirSync(policyDir);
    for (const file of policyFiles) copyFileSync(file, join(policyDir, basename(file)));
    const trafficPath = join(work, "traffic.json");
    const traffic = cases.map((entry) => ({
      Source: trafficPeer(entry.from),
      Destination: trafficPeer(entry.to),
      Protocol: entry.protocol,
      ResolvedPort: entry.port,
      ResolvedPortName: entry.portName ?? "",
    }));
    writeFileSync(trafficPath, JSON.stringify(traffic, null, 2));
    const output = execFileSync(
      cyclonus,
      ["analyze", "--mode", "query-traffic", "--policy-path", policyDir, "--traffic-path", trafficPath],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 },
    );
    const verdicts = parseVerdicts(output);
    if (verdicts.length !== cases.length)
      throw new Error(`cyclonus answered ${verdicts.length} of ${cases.length} traffic queries`);
    return cases.map((entry, index) => ({ ...entry, actual: verdicts[index] ?? "deny" }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
