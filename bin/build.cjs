// @ts-check
/**
 * Builds the CLI for one code key: esbuild bundles in <buildDir>,
 * - cli.cjs: the commands and what answers them from the render cache;
 * - one bundle per module in SPLIT, which the code reaches only through a
 *   dynamic `import()`; that import becomes a require of the bundle, which
 *   the launcher loads with its own code cache. A run answered from the
 *   cache never reads the renderer; a render never reads the AWS SDK.
 * Staged in a sibling folder and renamed into place: a reader never sees
 * half a build, and two concurrent builds both end well. Loaded only when
 * no build exists.
 */
"use strict";
const { existsSync, mkdirSync, renameSync, rmSync } = require("node:fs");
const { dirname, join, resolve } = require("node:path");

/** Modules loaded on demand, each as a bundle of its own: the renderer, resolve (AWS SDK), the diff's add-on section. */
const SPLIT = new Map([
  ["src/cli/heavy.ts", "heavy.cjs"],
  ["src/cli/resolve.ts", "resolve.cjs"],
  ["src/review/addon-charts.ts", "addon-charts.cjs"],
]);

/** The sources do not compile: a user's mistake, already printed with its location. */
class BuildError extends Error {}

/** @param {string} root the repository root @param {string} buildDir */
async function build(root, buildDir) {
  const staging = `${buildDir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(buildDir), { recursive: true });
  // Required here, not at the top: a run whose build exists never pays for loading esbuild.
  const esbuild = require("esbuild");
  const bundles = new Map([...SPLIT].map(([source, bundle]) => [resolve(root, source), bundle]));
  /** @type {import("esbuild").Plugin} */
  const split = {
    name: "split-bundles",
    setup(plugin) {
      plugin.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
        if (args.kind !== "dynamic-import") return undefined;
        const bundle = bundles.get(resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts")));
        return bundle === undefined ? undefined : { path: `./${bundle}`, external: true };
      });
    },
  };
  /** @type {import("esbuild").BuildOptions} */
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // ASCII output reads as latin1, several times faster than decoding UTF-8 on every run.
    charset: "ascii",
    // import() becomes require(): the launcher's require loads heavy.cjs with its code cache, and vm.Script
    // code needs no dynamic-import loader (Node 20 only has an experimental one).
    supported: { "dynamic-import": false },
    // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow; its ES build bundles.
    alias: { "jsonc-parser": "jsonc-parser/lib/esm/main.js" },
    // Errors are reported once below, not by each of the builds that share a broken module.
    logLevel: "silent",
  };
  /** @type {[string, string][]} */
  const entries = [["src/cli/run-cli.ts", "cli.cjs"], ...SPLIT];
  const results = await Promise.allSettled(
    entries.map(([source, bundle]) =>
      esbuild.build({ ...common, entryPoints: [source], outfile: join(staging, bundle), plugins: [split] }),
    ),
  );
  const failures = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
  if (failures.length > 0) {
    rmSync(staging, { recursive: true, force: true });
    // A broken module is in several bundles: say each error once, with esbuild's code frame.
    /** @type {Map<string, import("esbuild").Message>} */
    const errors = new Map();
    for (const failure of failures) {
      for (const message of /** @type {{ errors?: import("esbuild").Message[] }} */ (failure).errors ?? []) {
        errors.set(JSON.stringify([message.location, message.text]), message);
      }
    }
    const formatted = esbuild.formatMessagesSync([...errors.values()], { kind: "error", color: process.stderr.isTTY });
    process.stderr.write(formatted.join(""));
    throw errors.size > 0 ? new BuildError("the code does not build: fix the errors above") : failures[0];
  }
  try {
    renameSync(staging, buildDir);
  } catch (error) {
    // Another process built the same code first: its build is as good as ours.
    if (!existsSync(join(buildDir, "cli.cjs"))) throw error;
    rmSync(staging, { recursive: true, force: true });
  }
}

module.exports = { build, BuildError };
