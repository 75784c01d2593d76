import { ArgoCdAppsChart, ArgoCdRootChart } from "../charts/argocd";
import { emittedKinds } from "../constructs/argocd/group-kind";
import type { DeliveryConfig, EnvConfig } from "../env";
import { type RenderedFile, synthManifests, toFiles } from "./manifests";

/** Where Argo CD reads what it applies, relative to the repository root. */
export interface ArgoCdLayout {
  readonly distPath: (env: EnvConfig) => string;
  readonly appsPath: string;
}

/**
 * argocd/root.yaml plus argocd/apps/*. The product project's whitelists are
 * the kinds the env renders actually contain, so nothing else can sync.
 */
export function renderArgoCd(
  delivery: DeliveryConfig,
  envs: readonly { config: EnvConfig; kinds: readonly { apiVersion: string; kind: string }[] }[],
  layout: ArgoCdLayout,
): RenderedFile[] {
  const kinds = emittedKinds(envs.flatMap((env) => env.kinds));
  const configs = envs.map((env) => env.config);
  const source = "src/env/delivery.ts";
  const apps = synthManifests((app) => {
    new ArgoCdAppsChart(app, { delivery, envs: configs, kinds, distPath: layout.distPath, appsPath: layout.appsPath });
  });
  const root = synthManifests((app) => {
    new ArgoCdRootChart(app, { delivery, appsPath: layout.appsPath });
  });
  return [...toFiles(root, source).map((file) => ({ ...file, name: "root.yaml" })), ...toFiles(apps, source, "apps/")];
}
