import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { filesBelow } from "../../render/output";

/** One add-on Application as Argo CD will render it: read back from argocd/apps/, not from src/. */
export interface AddOnRelease {
  /** The Application's name, e.g. kube-prometheus-stack-production. */
  readonly application: string;
  /** The destination cluster's name, which is the env's EKS cluster. */
  readonly cluster: string;
  readonly chart: string;
  readonly version: string;
  readonly releaseName: string;
  readonly namespace: string;
  readonly values: Record<string, unknown>;
}

export interface ApplicationView {
  kind?: string;
  metadata?: { name?: string };
  spec?: {
    destination?: { name?: string; namespace?: string };
    source?: {
      chart?: string;
      targetRevision?: string;
      helm?: { releaseName?: string; valuesObject?: Record<string, unknown>; values?: unknown; valueFiles?: unknown };
    };
  };
}

/** Whether an Application renders an upstream Helm chart (an add-on), not a folder of this repo. */
export const isChartApplication = (app: ApplicationView) =>
  app.kind === "Application" && app.spec?.source?.chart !== undefined;

/** The release an add-on Application asks Argo CD for; `file` names it in errors. */
export function releaseOf(file: string, app: ApplicationView): AddOnRelease {
  const source = app.spec?.source;
  const name = app.metadata?.name ?? file;
  // Only valuesObject is read back: a second values channel would be values this check never saw.
  if (source?.helm?.values !== undefined || source?.helm?.valueFiles !== undefined) {
    throw new Error(`${file}: helm.values / helm.valueFiles are not checked; put values in helm.valuesObject`);
  }
  return {
    application: name,
    cluster: app.spec?.destination?.name ?? "",
    chart: source?.chart ?? "",
    version: source?.targetRevision ?? "",
    // Argo CD's default release name is the Application's name (util/helm/cmd.go, template).
    releaseName: source?.helm?.releaseName ?? name,
    namespace: app.spec?.destination?.namespace ?? "default",
    values: source?.helm?.valuesObject ?? {},
  };
}

/** Every Application in `appsDir` whose source is a Helm chart from a chart repository. */
export function addOnReleases(appsDir: string): AddOnRelease[] {
  return filesBelow(appsDir)
    .filter((file) => file.endsWith(".yaml"))
    .map((file) => ({ file, app: parse(readFileSync(join(appsDir, file), "utf8")) as ApplicationView }))
    .filter(({ app }) => isChartApplication(app))
    .map(({ file, app }) => releaseOf(file, app));
}
