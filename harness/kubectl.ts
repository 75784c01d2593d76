import { execFile } from "node:child_process";
import { dirname } from "node:path";
import { promisify } from "node:util";
import { toolPath } from "./tools";

const run = promisify(execFile);

/** Who owns the fields the rehearsal applies server-side, as Argo CD would in a real cluster. */
export const FIELD_MANAGER = "candlefish-rehearsal";

/**
 * The real kubectl (built with the control plane) against a local cluster. Its bin folder
 * leads PATH, so `kubectl argo rollouts ...` finds the kubectl-argo-rollouts plugin the way an
 * operator's shell would. Async, so the in-process exporter keeps answering scrapes meanwhile.
 */
export class Kubectl {
  private readonly env: NodeJS.ProcessEnv;

  constructor(kubeconfig: string) {
    const bin = toolPath("bin", "kubectl");
    this.env = { ...process.env, KUBECONFIG: kubeconfig, PATH: `${dirname(bin)}:${process.env.PATH ?? ""}` };
  }

  /** Runs kubectl; a non-zero exit throws with what kubectl printed. */
  async run(args: string[], input?: string): Promise<string> {
    const child = run("kubectl", args, { env: this.env, maxBuffer: 64 * 1024 * 1024 });
    if (input !== undefined) {
      child.child.stdin?.end(input);
    }
    try {
      return (await child).stdout;
    } catch (error) {
      const failed = error as { stderr?: string; stdout?: string };
      throw new Error(`kubectl ${args.join(" ")} failed:\n${failed.stderr ?? ""}${failed.stdout ?? ""}`);
    }
  }

  async json<T>(...args: string[]): Promise<T> {
    return JSON.parse(await this.run([...args, "-o", "json"])) as T;
  }

  /**
   * `kubectl apply` of objects (a List on stdin) or of a file or folder. Client-side by default,
   * like Argo CD's sync; `serverSide` for what Argo CD syncs with ServerSideApply=true and for CRDs.
   */
  async apply(source: object[] | string, serverSide = false): Promise<string> {
    const mode = serverSide ? ["--server-side", `--field-manager=${FIELD_MANAGER}`, "--force-conflicts"] : [];
    if (typeof source === "string") return this.run(["apply", ...mode, "-f", source]);
    const list = { apiVersion: "v1", kind: "List", items: source };
    return this.run(["apply", ...mode, "-f", "-"], JSON.stringify(list));
  }
}
