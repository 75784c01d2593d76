import { App } from "cdk8s";
import { stringify } from "yaml";
import { composeCharts } from "../charts";
import type { EnvConfig } from "../env";

/** One rendered resource: its file name in dist/<env>/ and its YAML. */
export interface RenderedFile {
  readonly name: string;
  readonly content: string;
}

interface Manifest {
  kind: string;
  metadata: { name: string };
}

const HEADER = (env: string) =>
  `# Rendered by candlefish-gitops from src/env/${env}.ts. Do not edit: change the source, run npm run synth.\n`;

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

/** Renders every chart of a validated env into files sorted by name. */
export function renderEnv(env: EnvConfig): RenderedFile[] {
  const app = new App();
  composeCharts(app, env);
  validateConstructs(app);
  const files = new Map<string, string>();
  // app.charts includes nested charts (e.g. namespaced objects next to the cluster-scoped Namespace).
  for (const manifest of app.charts.flatMap((chart) => chart.toJson() as Manifest[])) {
    const name = fileNameOf(manifest);
    if (files.has(name)) throw new Error(`env ${env.name}: two resources render to ${name}`);
    files.set(name, HEADER(env.name) + stringify(manifest, { lineWidth: 0 }));
  }
  return [...files.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, content]) => ({ name, content }));
}
