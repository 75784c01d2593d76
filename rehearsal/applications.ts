import type { Kubectl } from "../harness/kubectl";
import { ARGOCD_NAMESPACE } from "./argocd";

/** One resource as the Application's status lists it. */
export interface ResourceView {
  readonly kind: string;
  readonly name: string;
  readonly status: string;
  readonly health?: string;
}

/** One resource of the last sync operation's result. */
export interface SyncedResourceView {
  readonly kind: string;
  readonly name: string;
  readonly status: string;
  readonly message: string;
  readonly hookPhase?: string;
  readonly syncPhase?: string;
}

/** Argo CD's own view of an Application: what `argocd app get` prints. */
export interface ApplicationView {
  readonly sync: string;
  /** The Git revision the comparison was made against. */
  readonly revision: string;
  readonly health: string;
  readonly healthMessage: string;
  readonly operation?: {
    readonly phase: string;
    readonly message: string;
    readonly revision: string;
    readonly startedAt: string;
    /** True when auto-sync (or self-heal) started it, false for a manual sync. */
    readonly automated: boolean;
    readonly resources: readonly SyncedResourceView[];
  };
  readonly conditions: readonly { type: string; message: string }[];
  readonly resources: readonly ResourceView[];
}

interface ApplicationObject {
  metadata: { name: string; annotations?: Record<string, string> };
  spec: {
    source?: object;
    syncPolicy?: { syncOptions?: string[]; retry?: object };
  };
  // biome-ignore lint/suspicious/noExplicitAny: the Application status is read field by field below.
  status?: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  operation?: any;
}

/** Reads and drives Argo CD Applications through kubectl, as an operator without the argocd CLI would. */
export class Applications {
  constructor(private readonly kubectl: Kubectl) {}

  async view(name: string): Promise<ApplicationView> {
    const { status = {} } = await this.get(name);
    const state = status.operationState;
    return {
      sync: status.sync?.status ?? "",
      revision: status.sync?.revision ?? "",
      health: status.health?.status ?? "",
      healthMessage: status.health?.message ?? "",
      operation:
        state === undefined
          ? undefined
          : {
              phase: state.phase ?? "",
              message: state.message ?? "",
              revision: state.syncResult?.revision ?? state.operation?.sync?.revision ?? "",
              startedAt: state.startedAt ?? "",
              automated: state.operation?.initiatedBy?.automated === true,
              resources: (state.syncResult?.resources ?? []).map((resource: Record<string, string>) => ({
                kind: resource.kind,
                name: resource.name,
                status: resource.status ?? "",
                message: resource.message ?? "",
                hookPhase: resource.hookPhase,
                syncPhase: resource.syncPhase,
              })),
            },
      conditions: (status.conditions ?? []).map((condition: Record<string, string>) => ({
        type: condition.type,
        message: condition.message,
      })),
      resources: (status.resources ?? []).map((resource: Record<string, string & { status?: string }>) => ({
        kind: resource.kind,
        name: resource.name,
        status: resource.status ?? "",
        health: (resource.health as unknown as { status?: string } | undefined)?.status,
      })),
    };
  }

  async exists(name: string): Promise<boolean> {
    const found = await this.kubectl.run([
      "get",
      "applications.argoproj.io",
      "-n",
      ARGOCD_NAMESPACE,
      "--field-selector",
      `metadata.name=${name}`,
      "-o",
      "name",
    ]);
    return found.trim() !== "";
  }

  /**
   * What a Git webhook makes Argo CD do: compare the Application with the newest commit now
   * instead of at the next resync (the `argocd.argoproj.io/refresh` annotation). An Application that
   * does not exist (any more: the app of apps may just have pruned it) needs no refresh.
   */
  async refresh(name: string): Promise<void> {
    const annotate = ["annotate", "applications.argoproj.io", name, "-n", ARGOCD_NAMESPACE, "--overwrite"];
    await this.kubectl.run([...annotate, "argocd.argoproj.io/refresh=normal"]).catch((error: Error) => {
      if (!error.message.includes("NotFound")) throw error;
    });
  }

  /**
   * A manual sync, as `argocd app sync <name>` (no flags) requests it: the `operation` Argo CD's API
   * server writes on the Application (v3.5.1 server/application/application.go, Server.Sync): the
   * Application's own sync options and retry strategy, its source, no prune. Sync windows with
   * `manualSync: true` let it through when automated syncs are blocked. The sync options matter: an
   * operation without RespectIgnoreDifferences applies Git's Rollout without the replicas the HPA
   * set, and client-side apply then deletes them (they are in last-applied, put there by the
   * syncs that respected the difference): the Rollout falls to one replica, under load.
   */
  async syncByHand(name: string, who: string): Promise<void> {
    const { spec } = await this.get(name);
    await this.mergePatch(name, {
      operation: {
        initiatedBy: { username: who },
        sync: { source: spec.source, prune: false, syncOptions: spec.syncPolicy?.syncOptions ?? [] },
        ...(spec.syncPolicy?.retry === undefined ? {} : { retry: spec.syncPolicy.retry }),
      },
    });
  }

  /**
   * Drops the Application's operation and the state of its last one. The workaround for a manual
   * sync that stalls on "Sync operation blocked by sync window" although the window allows manual
   * syncs: Argo CD v3.5.1 merge-patches a new operation's state over the last one's
   * (controller/appcontroller.go, setOperationState), `initiatedBy.automated: true` of the last
   * automated sync survives (omitempty), and syncWindowPreventsSync (controller/sync.go) reads it
   * (argo-cd issue 26215). A hub admin's command, not a release manager's.
   */
  async clearOperationState(name: string): Promise<void> {
    await this.mergePatch(name, { operation: null, status: { operationState: null } });
  }

  /** The Application's YAML, for failure reports. */
  describe(name: string): Promise<string> {
    return this.kubectl.run(["get", "applications.argoproj.io", name, "-n", ARGOCD_NAMESPACE, "-o", "yaml"]);
  }

  private async mergePatch(name: string, patch: object): Promise<void> {
    const target = ["applications.argoproj.io", name, "-n", ARGOCD_NAMESPACE];
    await this.kubectl.run(["patch", ...target, "--type=merge", "-p", JSON.stringify(patch)]);
  }

  private get(name: string): Promise<ApplicationObject> {
    return this.kubectl.json<ApplicationObject>("get", "applications.argoproj.io", name, "-n", ARGOCD_NAMESPACE);
  }
}
