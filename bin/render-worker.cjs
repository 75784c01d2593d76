// @ts-check
/**
 * A render worker thread (src/render/parallel.ts): loads the renderer bundle
 * with its code cache and renders its share of the envs. If the bundle
 * cannot even load, it still answers, so the main thread never waits for a
 * worker that is gone.
 */
"use strict";
const Module = require("node:module");
const { workerData } = require("node:worker_threads");
const { loadBundle } = require("./load-bundle.cjs");

/** @type {{ bundle: string, job: { port: import("node:worker_threads").MessagePort, done: Int32Array } }} */
const { bundle, job } = workerData;
try {
  const heavy = loadBundle(bundle, Module.createRequire(bundle));
  /** @type {{ serveRenderWorker(): void }} */ (/** @type {unknown} */ (heavy.exports)).serveRenderWorker();
} catch (error) {
  job.port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  Atomics.store(job.done, 0, 1);
  Atomics.notify(job.done, 0);
}
