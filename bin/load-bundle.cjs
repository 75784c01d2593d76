// @ts-check
/**
 * Loads a bundle built by bin/build.cjs with V8's code cache (Node 20 has no
 * module compile cache), so its functions are not compiled again on every
 * run. Used by the launcher and by render workers (bin/render-worker.cjs).
 */
"use strict";
const { existsSync, readFileSync, renameSync, rmSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { dirname } = require("node:path");
const vm = require("node:vm");

/**
 * @typedef {object} LoadedBundle
 * @property {Record<string, unknown>} exports
 * @property {(rendered: boolean) => void} refresh rewrites the code cache after the run when it lacked
 *   what the run compiled: none yet, rejected (another Node), or written by a run that did not render
 */

/**
 * Loads one bundle through vm.Script with its code cache (<bundle>.v8).
 * Bundles are ASCII (bin/build.cjs): read as latin1, without UTF-8 decoding.
 * @param {string} bundle
 * @param {(id: string) => unknown} requireFn
 * @returns {LoadedBundle}
 */
function loadBundle(bundle, requireFn) {
  const cacheFile = `${bundle}.v8`;
  const renderedMarker = `${cacheFile}.rendered`;
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(readFileSync(bundle, "latin1")), {
    filename: bundle,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, requireFn, module, bundle, dirname(bundle));
  return {
    exports: module.exports,
    refresh(rendered) {
      const stale = cachedData === undefined || script.cachedDataRejected === true;
      if (!stale && !(rendered && !existsSync(renderedMarker))) return;
      const temporary = `${cacheFile}.${process.pid}`;
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
      if (rendered) writeFileSync(renderedMarker, "");
      else rmSync(renderedMarker, { force: true });
    },
  };
}

module.exports = { loadBundle };
