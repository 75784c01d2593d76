import type { Kubectl } from "../harness/kubectl";
import { CPU_PER_CONTAINER_ANNOTATION } from "./metrics-api";

/**
 * The rehearsal's load generator: how much CPU every container uses, as KWOK's usage emulation
 * reports it to metrics-server (the fake nodes' annotation, see metrics-api.ts). Pods are never
 * touched, so nothing Argo CD manages changes.
 */
export class Load {
  constructor(private readonly kubectl: Kubectl) {}

  async set(cpuPerContainer: string): Promise<void> {
    await this.kubectl.run([
      "annotate",
      "nodes",
      "--all",
      "--overwrite",
      `${CPU_PER_CONTAINER_ANNOTATION}=${cpuPerContainer}`,
    ]);
  }
}
