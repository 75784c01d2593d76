// @ts-check
/**
 * Builds the CLI for one code key: two esbuild bundles in <buildDir>,
 * - cli.cjs: the commands and what answers them from the render cache;
 * - heavy.cjs: src/cli/heavy.ts, the renderer and everything else, which
 *   cli.cjs reaches only through `import("./heavy.js")`, mapped here to a
 *   require of heavy.cjs (the launcher loads it with its own code cache).
 * A run answered from the cache never reads heavy.cjs. Staged in a sibling
 * folder and renamed into place: a reader never sees half a build, and two
 * concurrent builds both end well. Loaded only when no build exists.
 */
"use strict";
const { existsSync, mkdirSync, renameSync, rmSync } = require("node:fs");
const { dirname, join, resolve } = require("node:path");

/** The one module the CLI loads on demand, as a second bundle. */
const HEAVY = "src/cli/heavy.ts";

/** @param {string} root the repository root @param {string} buildDir */
async function build(root, buildDir) {
  const staging = `${buildDir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(dirname(buildDir), { recursive: true });
  // Required here, not at the top: a run whose build exists never pays for loading esbuild.
  const esbuild = require("esbuild");
  const heavy = resolve(root, HEAVY);
  /** @type {import("esbuild").Plugin} */
  const splitHeavy = {
    name: "heavy-bundle",
    setup(plugin) {
      plugin.onResolve({ filter: /\/heavy\.js$/ }, (args) =>
        resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts")) === heavy
          ? { path: "./heavy.cjs", external: true }
          : undefined,
      );
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
    logLevel: "warning",
  };
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: ["src/cli/run-cli.ts"],
      outfile: join(staging, "cli.cjs"),
      plugins: [splitHeavy],
    }),
    esbuild.build({ ...common, entryPoints: [HEAVY], outfile: join(staging, "heavy.cjs") }),
  ]);
  try {
    renameSync(staging, buildDir);
  } catch (error) {
    // Another process built the same code first: its build is as good as ours.
    if (!existsSync(join(buildDir, "cli.cjs"))) throw error;
    rmSync(staging, { recursive: true, force: true });
  }
}

module.exports = { build };
