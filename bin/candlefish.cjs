#!/usr/bin/env node
// @ts-check
/**
 * The command users type (`npm run synth`, `set-image`, ...), on the fast path:
 * 1. key the code by content (bin/fingerprint.cjs);
 * 2. build the CLI bundle for that key if there is none (bin/build.cjs), so
 *    an edited source is never run stale and never compiled twice;
 * 3. run it with V8's code cache, so its functions are not compiled again
 *    on every run.
 * What the CLI itself caches (renders, keyed by code and env JSON) is in src/fast/.
 */
"use strict";
const { existsSync, readdirSync, rmSync, statSync } = require("node:fs");
const Module = require("node:module");
const { join, resolve } = require("node:path");
const { codeFileIds, keyOf } = require("./fingerprint.cjs");
const { loadBundle } = require("./load-bundle.cjs");

/** Builds kept besides the current one: switching branches back and forth stays fast. */
const KEPT_BUILDS = 4;

/** @typedef {import("../src/fast/context").LaunchContext} LaunchContext */
/** @typedef {{ runCli(argv: string[], context: LaunchContext): Promise<number> }} Cli */

/** @param {string} buildsDir */
function pruneBuilds(buildsDir) {
  const builds = readdirSync(buildsDir)
    .filter((name) => /^[0-9a-f]{64}$/.test(name))
    .map((name) => ({ dir: join(buildsDir, name), at: statSync(join(buildsDir, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { dir } of builds.slice(KEPT_BUILDS)) rmSync(dir, { recursive: true, force: true });
}

/**
 * The CLI bundle, whose `require("./<name>.cjs")` loads another bundle of the
 * build (bin/build.cjs) with its own code cache, once, when a command needs it.
 * @param {string} buildDir
 */
function loadCli(buildDir) {
  const nodeRequire = Module.createRequire(join(buildDir, "cli.cjs"));
  /** @type {Map<string, import("./load-bundle.cjs").LoadedBundle>} */
  const loaded = new Map();
  /** @param {string} id */
  const requireFn = (id) => {
    if (!/^\.\/[a-z-]+\.cjs$/.test(id)) return nodeRequire(id);
    let bundle = loaded.get(id);
    if (bundle === undefined) {
      bundle = loadBundle(join(buildDir, id), requireFn);
      loaded.set(id, bundle);
    }
    return bundle.exports;
  };
  const cli = loadBundle(join(buildDir, "cli.cjs"), requireFn);
  return {
    cli: /** @type {Cli} */ (cli.exports),
    /** @param {boolean} rendered */
    refresh(rendered) {
      cli.refresh(rendered);
      for (const bundle of loaded.values()) bundle.refresh(rendered);
    },
  };
}

/** CANDLEFISH_TRACE=1: one line on stderr per decision (build reused or made, render cached or run). */
const trace = process.env.CANDLEFISH_TRACE
  ? (/** @type {string} */ line) => console.error(`candlefish: ${line}`)
  : () => {};

async function main() {
  const root = resolve(__dirname, "..");
  const cacheDir = process.env.CANDLEFISH_CACHE ?? join(root, ".cache", "candlefish");
  const codeKey = keyOf("code", codeFileIds(root));
  const buildsDir = join(cacheDir, "builds");
  const buildDir = join(buildsDir, codeKey);
  if (existsSync(join(buildDir, "cli.cjs"))) trace(`code ${codeKey.slice(0, 12)}: build reused`);
  else {
    await require("./build.cjs").build(root, buildDir);
    pruneBuilds(buildsDir);
    trace(`code ${codeKey.slice(0, 12)}: built`);
  }
  const { cli, refresh } = loadCli(buildDir);
  let rendered = false;
  const code = await cli.runCli(process.argv.slice(2), {
    cacheDir,
    codeKey,
    renderWorkers: { script: join(__dirname, "render-worker.cjs"), bundle: join(buildDir, "heavy.cjs") },
    rendered: () => {
      rendered = true;
    },
  });
  refresh(rendered);
  trace(rendered ? "rendered" : "no render needed");
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`candlefish-gitops: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.DEBUG) console.error(error);
    // Sources that do not compile are invalid input (2), like an invalid env; anything else is unexpected (70).
    process.exitCode = error instanceof require("./build.cjs").BuildError ? 2 : 70;
  },
);
