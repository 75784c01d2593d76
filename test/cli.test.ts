import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** The CLI as users run it (npm run cli --), through the launcher and this checkout's caches. */
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ["bin/candlefish.cjs", ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the CLI", () => {
  it("prints help and exits 0", () => {
    const { status, stdout } = cli("--help");
    expect(status).toBe(0);
    expect(stdout).toContain("synth --check");
  });

  it("exits 2 without a stack trace on an unknown env", () => {
    const { status, stderr } = cli("synth", "--env", "qa", "--check");
    expect(status).toBe(2);
    expect(stderr).toContain("env qa: unknown env; known envs: production, staging");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 with one line, not a stack trace, for a base ref that does not exist", () => {
    const { status, stderr } = cli("diff", "--base", "no-such-ref");
    expect(status).toBe(2);
    expect(stderr).toContain("diff: cannot check out no-such-ref");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 on an unknown command or option", () => {
    expect(cli("deploy").status).toBe(2);
    expect(cli("synth", "--force").status).toBe(2);
  });
});
