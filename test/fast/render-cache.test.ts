import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { synthPlan } from "../../src/cli/synth";
import { RenderCache } from "../../src/fast/render-cache";
import type { RenderPlan } from "../../src/render/plan";
import { environments, tempDir } from "../support/fixtures";

/** The repository's complete render, as synth produces it (files carry the objects they were written from). */
function render(): RenderPlan {
  const options = { inputs: environments, envs: [], outRoot: "out/dist", argocdRoot: "out/argocd", check: false };
  const plan = synthPlan(options, { log: () => {}, error: (line) => expect.fail(line) });
  if (typeof plan === "number") throw new Error(`render failed: exit ${plan}`);
  return plan;
}

const filesOf = (plan: RenderPlan) => [...[...plan.envs.values()].flat(), ...(plan.argocd ?? [])];

describe("the render cache", () => {
  it("gives back the render it stored, and the objects only to a review that asks", () => {
    const cache = new RenderCache(tempDir("render-cache"));
    const plan = render();
    cache.put("k1", plan);
    const texts = filesOf(cache.get("k1") ?? { envs: new Map() });
    expect(texts.map(({ name, content }) => ({ name, content }))).toEqual(
      filesOf(plan).map(({ name, content }) => ({ name, content })),
    );
    expect(texts.every((file) => file.object === undefined)).toBe(true);
    const reviewed = filesOf(cache.get("k1", { objects: true }) ?? { envs: new Map() });
    expect(reviewed.filter((file) => file.name.endsWith(".yaml")).every((file) => file.object !== undefined)).toBe(
      true,
    );
  });

  it("keeps objects equal to what parsing the YAML gives, so a review compares the same bodies either way", () => {
    for (const file of filesOf(render()).filter(({ name }) => name.endsWith(".yaml"))) {
      expect(JSON.parse(JSON.stringify(file.object)), file.name).toEqual(parse(file.content));
    }
  });

  it("answers a broken or missing entry with a miss, not an error", () => {
    const dir = tempDir("render-cache");
    const cache = new RenderCache(dir);
    expect(cache.get("absent")).toBeUndefined();
    cache.put("k2", render());
    writeFileSync(join(dir, "renders", "k2.json"), '{"envs": "nope"}');
    expect(cache.get("k2")).toBeUndefined();
    writeFileSync(join(dir, "renders", "k2.json"), "{ half");
    expect(cache.get("k2")).toBeUndefined();
  });
});
