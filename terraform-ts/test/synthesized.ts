import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { Testing } from "cdktf";
import { ENVIRONMENTS } from "../src/config/environments";
import type { EnvConfig, EnvName } from "../src/config/types";
import { CandlefishStack } from "../src/stacks/candlefish-stack";

/** Terraform JSON block: attribute names as Terraform spells them (snake_case). */
export type Block = Record<string, unknown> & { readonly "//"?: { readonly metadata?: { readonly path?: string } } };

export interface Synthesized {
  /** The raw JSON, for cdktf's Testing matchers. */
  readonly json: string;
  readonly terraform: Record<string, unknown>;
  readonly provider: Record<string, Block[]>;
  readonly resource: Record<string, Record<string, Block>>;
  readonly data: Record<string, Record<string, Block>>;
}

const cache = new Map<EnvConfig, Synthesized>();

/** The env's stack as Terraform JSON (synthesized once per env and test file). */
export function synthesize(env: EnvConfig): Synthesized {
  const cached = cache.get(env);
  if (cached !== undefined) return cached;
  // fullSynth writes the same cdk.tf.json as `npm run synth`, construct paths ("//" metadata) included.
  const stack = new CandlefishStack(Testing.app(), env);
  const outdir = Testing.fullSynth(stack);
  const json = readFileSync(path.join(outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8");
  rmSync(outdir, { recursive: true, force: true });
  const parsed = JSON.parse(json) as Omit<Synthesized, "json">;
  const result: Synthesized = { json, ...parsed, resource: parsed.resource ?? {}, data: parsed.data ?? {} };
  cache.set(env, result);
  return result;
}

export const synthesizeEnv = (name: EnvName) => synthesize(ENVIRONMENTS[name]);

/** All resources of one type. */
export function resourcesOf(stack: Synthesized, type: string): Block[] {
  return Object.values(stack.resource[type] ?? {});
}

/** All data sources of one type. */
export function dataSourcesOf(stack: Synthesized, type: string): Block[] {
  return Object.values(stack.data[type] ?? {});
}

/** The single resource of a type; fails loudly when there are none or several. */
export function onlyResource(stack: Synthesized, type: string): Block {
  const found = resourcesOf(stack, type);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0];
}

/** The resource (or data source) whose construct path ends with `pathSuffix`. */
export function byPath(blocks: Record<string, Record<string, Block>>, type: string, pathSuffix: string): Block {
  const match = Object.values(blocks[type] ?? {}).find((block) => block["//"]?.metadata?.path?.endsWith(pathSuffix));
  if (match === undefined) throw new Error(`no ${type} at */${pathSuffix}`);
  return match;
}

/** "${aws_kms_key.x.arn}" -> the construct path of aws_kms_key.x, so tests can say which key. */
export function referencedPath(stack: Synthesized, reference: unknown): string {
  const match = /^\$\{(?:data\.)?([a-z0-9_]+)\.([^.}]+)\./.exec(String(reference));
  if (match === null) throw new Error(`not a reference: ${String(reference)}`);
  const [, type, name] = match;
  const isData = String(reference).startsWith("${data.");
  const block = (isData ? stack.data : stack.resource)[type]?.[name];
  return block?.["//"]?.metadata?.path ?? `${type}.${name}`;
}

export const ENV_NAMES = Object.keys(ENVIRONMENTS) as EnvName[];
