/**
 * The renderer and the env schema (cdk8s, cdk8s-plus, zod, the charts): what
 * a command needs once it has to render or validate. The CLI imports this
 * module only with `await import("./heavy.js")`, when a command gets that far.
 * On the fast path it is a bundle of its own with its own code cache
 * (bin/build.cjs), so a run answered from the cache never reads it.
 */
export { loadEnvironments, parseEnvConfig } from "../env";
export type { RenderedFile } from "../render/manifests";
export { type RenderWorkers, serveRenderWorker } from "../render/parallel";
export { runSynth, synthPlan } from "./synth";
