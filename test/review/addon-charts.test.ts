import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { sharedFolder } from "../../harness/shared";
import { toolPath } from "../../harness/tools";
import { addOnChartSection, countChartChanges, locateChartTools } from "../../src/review/addon-charts";
import type { ResourceChange, ReviewedObject } from "../../src/review/compare";

const FILE = "apps/application-argo-rollouts-production.yaml";

function application(targetRevision: string): ReviewedObject {
  const body = parse(readFileSync(`argocd/${FILE}`, "utf8"));
  body.spec.source.targetRevision = targetRevision;
  return { scope: "argocd", file: FILE, kind: "Application", name: body.metadata.name, body };
}

const bump = (from: string, to: string): ResourceChange => ({
  change: "changed",
  before: application(from),
  after: application(to),
  fields: [{ path: "spec.source.targetRevision", before: from, after: to }],
});

describe("the diff report shows what an add-on change does to the chart's output", () => {
  it("counts objects added, removed and changed between two chart renders", () => {
    const object = (name: string, data: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data });
    expect(
      countChartChanges(
        [object("kept", "a"), object("edited", "a"), object("gone", "a")],
        [object("kept", "a"), object("edited", "b"), object("new", "a")],
      ),
    ).toEqual({ added: 1, removed: 1, changed: 1 });
  });

  it("renders both pins of a chart bump with the real helm and counts the difference", async () => {
    // GIVEN the argo-rollouts pin moved from 2.40.5 (v1.8.3) to 2.41.0, both available offline
    const tools = {
      ...locateChartTools(process.cwd()),
      helm: toolPath("bin", "helm"),
      chartsDir: sharedFolder("charts"),
    };
    // WHEN the report is built THEN it names the bump and counts changed objects (the controller image at least)
    const [heading, , line] = await addOnChartSection([bump("2.40.5", "2.41.0")], tools);
    expect(heading).toBe("## Add-on charts");
    expect(line).toMatch(
      /^- \*\*argo-rollouts-production\*\* \(argo-rollouts 2\.40\.5 → 2\.41\.0\): chart output \d+ added, \d+ removed, [1-9]\d* changed objects/,
    );
  });

  it("says so instead of guessing when a pin's chart is not available offline", async () => {
    const tools = {
      ...locateChartTools(process.cwd()),
      helm: toolPath("bin", "helm"),
      chartsDir: sharedFolder("charts"),
    };
    const [, , line] = await addOnChartSection([bump("2.39.0", "2.41.0")], tools);
    expect(line).toContain("rendered change not computed: chart argo-rollouts 2.39.0 is not available offline");
  });

  it("reports nothing for an Application change that leaves the chart and its values alone", async () => {
    const same: ResourceChange = {
      change: "changed",
      before: application("2.41.0"),
      after: application("2.41.0"),
      fields: [{ path: "spec.revisionHistoryLimit", before: 10, after: 5 }],
    };
    expect(
      await addOnChartSection([same], { helm: undefined, chartsDir: "/nowhere", apiVersions: [], clusters: new Map() }),
    ).toEqual([]);
  });
});
