import { describe, expect, it } from "vitest";
import { runDiff } from "../../src/cli/diff";

describe("npm run diff", () => {
  it("renders HEAD in a temporary worktree and reports against the working tree", async () => {
    const lines: string[] = [];
    const code = await runDiff(
      { repoRoot: process.cwd(), base: "HEAD" },
      { log: (l) => lines.push(l), error: (l) => lines.push(l) },
    );
    const report = lines.join("\n");
    expect(code).toBe(0);
    expect(report.startsWith("# Rendered changes against `HEAD`")).toBe(true);
    expect(report).toContain("_Base: rendered from HEAD's sources; head: the working tree._");
  }, 60_000);
});
