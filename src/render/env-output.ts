import type { EnvConfig } from "../env";
import { type RenderedFile, renderEnvManifests, toFiles } from "./manifests";
import { envSummary } from "./summary";

/** What one env renders: its files, and the kinds among them (Argo CD's project whitelists them). */
export interface EnvOutput {
  readonly env: string;
  readonly files: readonly RenderedFile[];
  readonly kinds: readonly { readonly apiVersion: string; readonly kind: string }[];
}

/** Renders one validated env: a pure function of its config, so any thread may run it. */
export function renderEnvOutput(config: EnvConfig): EnvOutput {
  const manifests = renderEnvManifests(config);
  return {
    env: config.name,
    // The on-call page sits next to the YAML it summarizes; runbook links are relative to dist/<env>/.
    files: [...toFiles(manifests, `src/env/${config.name}.ts`), envSummary(config, "../../docs/runbooks")],
    kinds: manifests.map(({ apiVersion, kind }) => ({ apiVersion, kind })),
  };
}
