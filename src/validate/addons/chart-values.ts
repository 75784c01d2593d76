import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** The keys a chart reads, as a tree: a leaf is `true`, a map is its children. */
export type KeyTree = { [key: string]: KeyTree | true };

interface ChartYaml {
  version?: string;
  appVersion?: string;
  dependencies?: { name: string; alias?: string }[];
}

type JsonSchema = { properties?: Record<string, JsonSchema> };

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function keysOfValues(values: unknown): KeyTree | true {
  if (!isMap(values) || Object.keys(values).length === 0) return true;
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, keysOfValues(value)]));
}

function keysOfSchema(schema: JsonSchema): KeyTree | true {
  if (!isMap(schema.properties)) return true;
  return Object.fromEntries(Object.entries(schema.properties).map(([key, child]) => [key, keysOfSchema(child)]));
}

/** Union of two key trees; a map wins over a leaf (`{}` in values.yaml, properties in the schema). */
export function mergeKeys(a: KeyTree | true, b: KeyTree | true): KeyTree | true {
  if (a === true) return b;
  if (b === true) return a;
  const merged: KeyTree = { ...a };
  for (const [key, child] of Object.entries(b))
    merged[key] = key in merged ? mergeKeys(merged[key] ?? true, child) : child;
  return merged;
}

export function readChartYaml(chartDir: string): ChartYaml {
  return parse(readFileSync(join(chartDir, "Chart.yaml"), "utf8")) as ChartYaml;
}

/**
 * Every values key a chart knows: its values.yaml, its values.schema.json where it has one
 * (external-secrets documents keys there that values.yaml leaves out, e.g. serviceMonitor.honorLabels),
 * and each unpacked dependency's keys under the dependency's alias or name (grafana's keys live in
 * kube-prometheus-stack's charts/grafana).
 */
export function chartKeys(chartDir: string): KeyTree {
  let keys = keysOfValues(parse(readFileSync(join(chartDir, "values.yaml"), "utf8")));
  const schemaFile = join(chartDir, "values.schema.json");
  if (existsSync(schemaFile)) keys = mergeKeys(keys, keysOfSchema(JSON.parse(readFileSync(schemaFile, "utf8"))));
  for (const dependency of readChartYaml(chartDir).dependencies ?? []) {
    const dir = join(chartDir, "charts", dependency.name);
    if (!existsSync(dir)) continue;
    keys = mergeKeys(keys, { [dependency.alias ?? dependency.name]: chartKeys(dir) });
  }
  return keys === true ? {} : keys;
}
