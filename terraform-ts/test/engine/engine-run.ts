import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildApp } from "../../src/app";
import { ENVIRONMENTS } from "../../src/config/environments";
import type { EnvName } from "../../src/config/types";
import { stackName } from "../../src/stacks/candlefish-stack";
import { excludes, MOTO_GAPS } from "./moto-gaps";
import { type StackResource, stackResources } from "./stack-graph";

let synthesizedDir: string | undefined;

/** The env's cdk.tf.json exactly as `npm run synth` writes it (app.synth() into a scratch directory). */
export function synthesizedStackPath(envName: EnvName): string {
  if (synthesizedDir === undefined) {
    synthesizedDir = mkdtempSync(path.join(tmpdir(), "engine-synth-"));
    buildApp(synthesizedDir).synth();
  }
  return path.join(synthesizedDir, "stacks", stackName(ENVIRONMENTS[envName]), "cdk.tf.json");
}

/** Deletes what synthesizedStackPath wrote (call once the file's tests are done with it). */
export function removeSynthesizedStacks(): void {
  if (synthesizedDir !== undefined) rmSync(synthesizedDir, { recursive: true, force: true });
  synthesizedDir = undefined;
}

export interface EnginePlanScope {
  readonly resources: readonly StackResource[];
  /** Resources left out, each with the reason from moto-gaps.ts. */
  readonly excluded: readonly (StackResource & { readonly reason: string })[];
  /** `-target=<address>` for every other resource. */
  readonly targetFlags: readonly string[];
}

/** Splits a stack's resources into the applied ones (as -target flags) and the listed moto gaps. */
export function enginePlanScope(stackJsonPath: string): EnginePlanScope {
  const resources = stackResources(readFileSync(stackJsonPath, "utf8"));
  const excluded = resources.flatMap((resource) => {
    const gap = MOTO_GAPS.find((entry) => excludes(entry, resource.path));
    return gap === undefined ? [] : [{ ...resource, reason: gap.reason }];
  });
  const excludedAddresses = new Set(excluded.map((resource) => resource.address));
  const targetFlags = resources
    .filter((resource) => !excludedAddresses.has(resource.address))
    .map((resource) => `-target=${resource.address}`);
  return { resources, excluded, targetFlags };
}

/** Seconds per phase and resource counts per stack, printed after the suite for the docs. */
export class PhaseTimings {
  private readonly rows: string[] = [];

  record(stack: string, phase: string, seconds: number, note = ""): void {
    this.rows.push(`${stack.padEnd(12)} ${phase.padEnd(22)} ${seconds.toFixed(1).padStart(7)} s  ${note}`);
  }

  report(): string {
    return ["engine phases (stack, phase, seconds, note):", ...this.rows].join("\n");
  }
}
