import type { Manifest } from "../harness/files";
import { ADD_ONS } from "../src/addons/catalog";
import { delivery } from "../src/env/delivery";
import type { Patch } from "./patches";

/**
 * Add-ons whose Applications the rehearsal leaves out, each with the reason printed every run.
 * The others are synced for real from ../shared/charts through a local Helm repository.
 */
export const LEFT_OUT_ADD_ONS: Readonly<Record<string, string>> = {
  "external-secrets":
    "its admission webhooks (failurePolicy Fail) are served by a pod KWOK never runs, so the API server would refuse every ExternalSecret; a stand-in writes the status and Secrets the operator would, and its CRDs come from ../shared/crds",
  "kube-prometheus-stack":
    "its Prometheus and Alertmanager are run by prometheus-operator, which cannot run on KWOK, so they would stay Progressing; the rehearsal's Prometheus 3 (built from the Go module proxy) stands in and the operator's CRDs come from ../shared/crds",
  "aws-load-balancer-controller":
    "its webhooks on Pods, Services and Ingresses (failurePolicy Fail) are served by a pod KWOK never runs; a stand-in writes Ingress status the way the controller would",
};

/** Where the rehearsal's Argo CD finds what the committed Applications name on the internet. */
export interface ArgoCdTargets {
  /** The rehearsal's Git repository, as Argo CD clones it (a file:// URL). */
  readonly repoUrl: string;
  /** A local Helm repository serving the add-on charts from ../shared/charts. */
  readonly chartRepoUrl: string;
  /** The one cluster the rehearsal registers (production's name): Applications for others are left out. */
  readonly clusterName: string;
  /**
   * "open": the production sync window is open whenever the rehearsal runs (a clock-dependent run
   * would flake); "closed": it is closed now, to rehearse what happens outside working hours.
   */
  readonly syncWindow: "open" | "closed";
  /** The rehearsal's clock, for a window that is closed now. */
  readonly now: Date;
}

export interface ArgoCdPatchResult {
  /** The object as the rehearsal's Argo CD gets it; undefined when it is left out. */
  readonly manifest: Manifest | undefined;
  readonly patches: Patch[];
  readonly leftOut?: string;
}

/** A window starting every minute: always open, whatever its duration. */
const ALWAYS_OPEN = "* * * * *";

/**
 * The Argo CD half of the rehearsal patch step, for one object of argocd/: this repository's URL
 * becomes the rehearsal's Git repository, chart repositories become the local Helm repository,
 * the production sync window opens (or closes on purpose), and Applications the rehearsal cannot
 * run are left out with their reason. Everything else is what the hub gets from Git.
 */
export function patchArgoCdObject(original: Manifest, targets: ArgoCdTargets): ArgoCdPatchResult {
  const manifest = structuredClone(original);
  const object = `${manifest.kind}/${manifest.metadata.name}`;
  const patches: Patch[] = [];
  const set = (owner: Manifest, key: string, field: string, to: unknown) => {
    patches.push({ object, field, from: owner[key], to });
    owner[key] = to;
  };
  if (manifest.kind === "Application") {
    const leftOut = leftOutApplication(manifest, targets);
    if (leftOut !== undefined) return { manifest: undefined, patches: [], leftOut };
    const source = manifest.spec.source as Manifest;
    set(source, "repoURL", "spec.source.repoURL", source.chart === undefined ? targets.repoUrl : targets.chartRepoUrl);
  }
  if (manifest.kind === "AppProject") {
    const repos = (manifest.spec.sourceRepos as string[]).map((url) =>
      url === delivery.repoUrl ? targets.repoUrl : targets.chartRepoUrl,
    );
    set(manifest.spec, "sourceRepos", "spec.sourceRepos", [...new Set(repos)]);
    (manifest.spec.syncWindows as Manifest[] | undefined)?.forEach((window, index) => {
      const { schedule, duration } = rehearsalWindow(targets, window.duration as string);
      set(window, "schedule", `spec.syncWindows[${index}].schedule`, schedule);
      if (duration !== window.duration) set(window, "duration", `spec.syncWindows[${index}].duration`, duration);
    });
  }
  return { manifest, patches };
}

function leftOutApplication(application: Manifest, targets: ArgoCdTargets): string | undefined {
  const cluster = application.spec.destination.name as string | undefined;
  if (cluster !== undefined && cluster !== targets.clusterName) {
    return `cluster ${cluster} is not registered: the rehearsal's one control plane is ${targets.clusterName}`;
  }
  const addOn = ADD_ONS.find((candidate) => candidate.chart === application.spec.source.chart);
  return addOn === undefined ? undefined : LEFT_OUT_ADD_ONS[addOn.name];
}

/**
 * Open: a window starting every minute, so always open. Closed: one hour a day, starting twelve
 * hours from now, so "now" is eleven hours from either end of it.
 */
function rehearsalWindow(targets: ArgoCdTargets, duration: string): { schedule: string; duration: string } {
  if (targets.syncWindow === "open") return { schedule: ALWAYS_OPEN, duration };
  return { schedule: `0 ${(targets.now.getUTCHours() + 12) % 24} * * *`, duration: "1h" };
}
