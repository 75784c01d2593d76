import { dirname, join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Console, EXIT } from "../../src/cli/apply-plan";
import { runSynth } from "../../src/cli/synth";
import { environments, inputOf, setAt, synthOptions, tempDir, treeHash } from "../support/fixtures";

/** A field, values that each break a rule in production, and the fields the error may blame. */
interface Mutation {
  readonly path: readonly string[];
  readonly values: fc.Arbitrary<unknown>;
  /** Cross-field rules blame the other field; unknown keys blame their parent. @default [path] */
  readonly blames?: readonly string[];
}

const website = (...path: string[]) => ["workloads", "website", ...path];
const notMatching = (pattern: RegExp) => fc.string({ maxLength: 40 }).filter((s) => !pattern.test(s));
const wrongType = fc.oneof(fc.constant(null), fc.boolean(), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
const outside = (min: number, max: number) =>
  fc.oneof(fc.integer({ min: -1_000_000, max: min - 1 }), fc.integer({ min: max + 1, max: 1_000_000 }));

const mutations: Mutation[] = [
  { path: ["namespace"], values: fc.oneof(notMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/), wrongType) },
  {
    path: ["domain"],
    values: fc.oneof(notMatching(/^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/), wrongType),
  },
  {
    path: ["image", "tag"],
    values: fc.oneof(fc.constant("latest"), notMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/)),
  },
  { path: ["image", "digest"], values: notMatching(/^sha256:[a-f0-9]{64}$/) },
  {
    path: website("containerPort"),
    values: fc.oneof(outside(1, 65535), fc.constant(9464), fc.double({ min: 1.1, max: 2.9 })),
    blames: ["workloads.website.containerPort", "workloads.website.metrics.port"],
  },
  { path: website("metrics", "path"), values: fc.oneof(notMatching(/^\/[A-Za-z0-9._~\-/]*$/), wrongType) },
  {
    path: website("hpa", "minReplicas"),
    values: fc.oneof(fc.integer({ min: -100, max: 2 }), fc.integer({ min: 21, max: 500 })),
    blames: ["workloads.website.hpa.minReplicas", "workloads.website.hpa.maxReplicas"],
  },
  { path: website("hpa", "maxReplicas"), values: fc.oneof(fc.integer({ min: -100, max: 2 }), fc.string()) },
  { path: website("hpa", "targetCpuUtilization"), values: outside(1, 100) },
  { path: website("hpa", "targetMemoryUtilization"), values: fc.oneof(outside(1, 100), wrongType) },
  {
    path: website("pdb", "minAvailable"),
    values: fc.oneof(fc.integer({ min: -50, max: 0 }), fc.integer({ min: 3, max: 50 })),
    blames: ["workloads.website.pdb.minAvailable", "workloads.website.hpa.minReplicas"],
  },
  {
    path: website("resources", "requests", "cpu"),
    values: fc.oneof(fc.constantFrom("2", "1001m", "lots", "-1", "1.5.0"), wrongType),
  },
  {
    path: website("resources", "limits", "memory"),
    values: fc.oneof(fc.constantFrom("100Mi", "1G", "1.5Gi", "", "Mi"), wrongType),
    blames: ["workloads.website.resources.limits.memory", "workloads.website.resources.requests.memory"],
  },
  {
    path: website("rollout", "previewReplicaCount"),
    values: fc.oneof(fc.integer({ min: 21, max: 1000 }), fc.integer({ max: 0 })),
  },
  {
    path: website("rollout", "scaleDownDelaySeconds"),
    values: fc.oneof(fc.integer({ min: -100, max: 29 }), wrongType),
  },
  { path: website("rollout", "autoPromotionEnabled"), values: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) },
  {
    path: ["slo", "availability"],
    values: fc.oneof(
      fc.double({ min: 1, max: 100, noNaN: true }),
      fc.double({ min: -100, max: 0, noNaN: true }),
      fc.constant(Number.NaN),
    ),
  },
  { path: ["slo", "errorRate"], values: fc.oneof(fc.double({ min: 1, max: 10, noNaN: true }), fc.string()) },
  {
    path: ["topology", "zones"],
    values: fc.oneof(
      fc.constant([]),
      fc.array(notMatching(/^[a-z]{2}-[a-z]+-[0-9][a-z]$/), { minLength: 1, maxLength: 3 }),
    ),
  },
  {
    path: website("analysis", "postPromotion", "failureLimit"),
    values: fc.oneof(fc.integer({ min: 5, max: 100 }), fc.integer({ max: -1 })),
  },
  {
    path: website("analysis", "postPromotion", "count"),
    values: fc.integer({ min: 14, max: 1000 }),
    blames: ["workloads.website.rollout.scaleDownDelaySeconds"],
  },
  {
    path: ["slo", "errorRate"],
    values: fc.double({ min: 0.0011, max: 0.99, noNaN: true }),
  },
  {
    path: website("metrics", "latencyBuckets"),
    values: fc.oneof(
      fc.constant([0.5, 1]),
      fc.constant([]),
      fc.array(fc.double({ min: 2.1, max: 100, noNaN: true }), { maxLength: 5 }),
    ),
  },
  { path: website("unexpectedField"), values: fc.anything(), blames: ["workloads.website"] },
];

const ERROR_LINE = /^env production: [\w.()]+: .+ \(got .*\)$/s;

describe("any invalid production config (property)", () => {
  it("gets a clear error naming the field, exit 2, and an untouched dist/", () => {
    const outRoot = join(tempDir("property"), "dist");
    const silent: Console = { log: () => {}, error: () => {} };
    expect(runSynth(synthOptions(outRoot), silent)).toBe(EXIT.ok);
    const before = treeHash(dirname(outRoot));

    const mutation = fc.integer({ min: 0, max: mutations.length - 1 }).chain((index) => {
      const chosen = mutations[index] as Mutation;
      const blames = chosen.blames ?? [chosen.path.join(".")];
      return chosen.values.map((value) => ({ path: chosen.path, blames, value }));
    });

    let runs = 0;
    fc.assert(
      fc.property(mutation, ({ path, blames, value }) => {
        runs += 1;
        const production = inputOf("production");
        setAt(production, path, value);
        const lines: string[] = [];
        const code = runSynth(synthOptions(outRoot, { inputs: { ...environments, production } }), {
          log: (line) => lines.push(line),
          error: (line) => lines.push(line),
        });
        expect(code).toBe(EXIT.invalidConfig);
        const problems = lines.slice(0, -1);
        expect(problems.length).toBeGreaterThan(0);
        for (const line of problems) expect(line).toMatch(ERROR_LINE);
        const blamed = (line: string) =>
          blames.some(
            (field) => line.startsWith(`env production: ${field}:`) || line.startsWith(`env production: ${field}.`),
          );
        expect(problems.some(blamed), `no error blames ${blames.join(" or ")}:\n${problems.join("\n")}`).toBe(true);
        expect(lines.at(-1)).toMatch(/^nothing written/);
        expect(lines.join("\n")).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 1_000, seed: 20261128 },
    );
    expect(runs).toBe(1_000);
    expect(treeHash(dirname(outRoot))).toBe(before);
  });
});
