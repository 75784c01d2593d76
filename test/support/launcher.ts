import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { copyCheckout } from "../../harness/checkout";
import { REPO_ROOT, tempDir, treeHash } from "./fixtures";

/**
 * One cache for every checkout the launcher tests make, kept between runs (in this repository's .cache): a
 * build is made once per code, so a warm run of the suite builds nothing (each test's edits are the same
 * every run).
 */
const cache = join(REPO_ROOT, ".cache", "test-launcher");

/** The code key the launcher ran (CANDLEFISH_TRACE prints it). */
export const codeKeyOf = (stderr: string) => /candlefish: code ([0-9a-f]+):/.exec(stderr)?.[1];

/** A copy of this checkout that runs bin/candlefish.cjs, as `npm run synth` does, with the shared cache. */
export class LauncherCheckout {
  readonly repo = copyCheckout(REPO_ROOT, tempDir("launcher"));

  run(...args: string[]) {
    const result = spawnSync(process.execPath, ["bin/candlefish.cjs", ...args], {
      cwd: this.repo,
      encoding: "utf8",
      env: { ...process.env, CANDLEFISH_CACHE: cache, CANDLEFISH_TRACE: "1" },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  file(path: string): string {
    return readFileSync(join(this.repo, path), "utf8");
  }

  write(path: string, content: string): void {
    writeFileSync(join(this.repo, path), content);
  }

  edit(path: string, from: string, to: string): void {
    const before = this.file(path);
    expect(before).toContain(from);
    this.write(path, before.replace(from, to));
  }

  distHash(): string {
    return treeHash(join(this.repo, "dist"));
  }

  /** Runs synth expecting a refusal: exit 2 and dist/ untouched; returns what it printed. */
  refusedSynth(): string {
    const before = this.distHash();
    const { status, stderr } = this.run("synth");
    expect(status).toBe(2);
    expect(this.distHash()).toBe(before);
    return stderr;
  }
}

/** GIVEN a checkout whose dist/ matches its sources, already rendered once (cache warm). */
export function renderedCheckout(): LauncherCheckout {
  const checkout = new LauncherCheckout();
  expect(checkout.run("synth").status).toBe(0);
  return checkout;
}
