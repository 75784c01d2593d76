import { App, type Chart } from "cdk8s";
import { composeCharts } from "../charts";
import type { EnvConfig } from "../env";
import { toYaml } from "./yaml";

/** One rendered resource: its file name (may hold a `/` for a subfolder) and its YAML. */
export interface RenderedFile {
  readonly name: string;
  readonly content: string;
  /** The object the YAML was written from, when this process has it: a review compares it without parsing YAML. */
  readonly object?: unknown;
}

/** The fields every rendered object has; the rest is the object's own. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
}

const header = (source: string) =>
  `# Rendered by candlefish-gitops from ${source}. Do not edit: change the source, run npm run synth.\n`;

/** `<kind>-<name>.yaml`, lower case: stable, greppable, one resource per file. */
export function fileNameOf(manifest: Manifest): string {
  return `${manifest.kind}-${manifest.metadata.name}.yaml`.toLowerCase();
}

/** Runs the cross-object checks constructs register with node.addValidation. */
function validateConstructs(app: App): void {
  const errors = app.node
    .findAll()
    .flatMap((child) => child.node.validate().map((error) => `[${child.node.path}] ${error}`));
  if (errors.length > 0) throw new Error(`construct validation failed:\n  ${errors.join("\n  ")}`);
}

/** Synthesizes charts built into a fresh app; includes nested charts. */
export function synthManifests(build: (app: App) => void, only?: (chart: Chart) => boolean): Manifest[] {
  const app = new App();
  build(app);
  validateConstructs(app);
  return app.charts.filter((chart) => only?.(chart) ?? true).flatMap((chart) => chart.toJson() as Manifest[]);
}

/** One file per manifest under `folder` (may be ""), sorted by name; two objects on one file name is a bug. */
export function toFiles(manifests: readonly Manifest[], source: string, folder = ""): RenderedFile[] {
  const files = new Map<string, RenderedFile>();
  for (const manifest of manifests) {
    const name = `${folder}${fileNameOf(manifest)}`;
    if (files.has(name)) throw new Error(`${source}: two resources render to ${name}`);
    files.set(name, { name, content: header(source) + toYaml(manifest), object: manifest });
  }
  return [...files.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function renderEnvManifests(env: EnvConfig): Manifest[] {
  return synthManifests((app) => composeCharts(app, env));
}

/** Renders every chart of a validated env into files sorted by name. */
export function renderEnv(env: EnvConfig): RenderedFile[] {
  return toFiles(renderEnvManifests(env), `src/env/${env.name}.ts`);
}
