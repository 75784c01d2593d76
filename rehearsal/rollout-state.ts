import type { Kubectl } from "../harness/kubectl";

const HASH_LABEL = "rollouts-pod-template-hash";

/** The parts of a Rollout's status the rehearsal judges. */
export interface RolloutView {
  readonly phase: string;
  /** The controller's explanation of the phase ("active service cutover pending", ...). */
  readonly message: string;
  readonly aborted: boolean;
  /** Paused for the manual gate (BlueGreenPause), not by an inconclusive analysis. */
  readonly atManualGate: boolean;
  readonly stableHash: string | undefined;
  readonly currentHash: string | undefined;
  /** The image of the pod template: what Git (or a hand edit) asks for. */
  readonly image: string;
  /** spec.replicas, which only the HPA sets (the rendered Rollout has none). */
  readonly replicas: number | undefined;
}

export interface ReplicaSetView {
  readonly hash: string;
  readonly replicas: number;
  readonly readyReplicas: number;
}

export interface AnalysisRunView {
  readonly name: string;
  /** PrePromotion or PostPromotion (the controller's rollout-type label). */
  readonly type: string;
  readonly phase: string;
  readonly message: string;
  readonly podHash: string;
  /** The args the controller resolved for this run (e.g. the pod-template hash it measures). */
  readonly args: Readonly<Record<string, string>>;
}

interface Item {
  metadata: { name: string; labels?: Record<string, string>; ownerReferences?: { kind: string }[] };
  // biome-ignore lint/suspicious/noExplicitAny: status and spec shapes differ per kind; the views below pick fields.
  spec: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  status?: any;
}

/** Reads the website Rollout and what it owns, through kubectl like an operator would. */
export class RolloutState {
  constructor(
    private readonly kubectl: Kubectl,
    readonly namespace: string,
    readonly name: string,
  ) {}

  async rollout(): Promise<RolloutView> {
    const { spec, status = {} } = await this.kubectl.json<Item>("get", "rollout", this.name, "-n", this.namespace);
    const pauses: { reason: string }[] = status.pauseConditions ?? [];
    return {
      phase: status.phase ?? "",
      message: status.message ?? "",
      aborted: status.abort === true,
      atManualGate: pauses.some((pause) => pause.reason === "BlueGreenPause"),
      stableHash: status.stableRS,
      currentHash: status.currentPodHash,
      image: spec.template.spec.containers[0]?.image ?? "",
      replicas: spec.replicas,
    };
  }

  /** The hash the active Service really selects: what users get. */
  async activeServiceHash(): Promise<string | undefined> {
    const service = await this.kubectl.json<Item>("get", "service", `${this.name}-active`, "-n", this.namespace);
    return service.spec.selector?.[HASH_LABEL];
  }

  async replicaSets(): Promise<ReplicaSetView[]> {
    const list = await this.kubectl.json<{ items: Item[] }>("get", "replicasets", "-n", this.namespace);
    return list.items
      .filter((rs) => rs.metadata.ownerReferences?.some((owner) => owner.kind === "Rollout"))
      .map((rs) => ({
        hash: rs.metadata.labels?.[HASH_LABEL] ?? "",
        replicas: rs.spec.replicas ?? 0,
        readyReplicas: rs.status?.readyReplicas ?? 0,
      }));
  }

  async analysisRuns(): Promise<AnalysisRunView[]> {
    const list = await this.kubectl.json<{ items: Item[] }>("get", "analysisruns", "-n", this.namespace);
    return list.items.map((run) => ({
      name: run.metadata.name,
      type: run.metadata.labels?.["rollout-type"] ?? "",
      phase: run.status?.phase ?? "",
      message: run.status?.message ?? "",
      podHash: run.metadata.labels?.[HASH_LABEL] ?? "",
      args: Object.fromEntries(
        ((run.spec?.args ?? []) as { name: string; value?: string }[]).map((arg) => [arg.name, arg.value ?? ""]),
      ),
    }));
  }

  /** The plugin's tree view of the Rollout, its ReplicaSets, pods and AnalysisRuns. */
  describe(): Promise<string> {
    return this.kubectl.run(["argo", "rollouts", "get", "rollout", this.name, "-n", this.namespace, "--no-color"]);
  }

  /** A hand edit of the running Rollout's image, the way someone would "just fix it" in the cluster. */
  setImageByHand(image: string): Promise<string> {
    return this.kubectl.run([
      "argo",
      "rollouts",
      "set",
      "image",
      this.name,
      `${this.name}=${image}`,
      "-n",
      this.namespace,
    ]);
  }

  /** `kubectl argo rollouts <verb> website -n <namespace>`: the operator's commands, verbatim. */
  operator(verb: "promote" | "abort" | "undo" | "retry"): Promise<string> {
    const target = verb === "retry" ? ["rollout", this.name] : [this.name];
    return this.kubectl.run(["argo", "rollouts", verb, ...target, "-n", this.namespace]);
  }
}
