/**
 * Everything a command needs beyond reading a cached render: the renderer
 * (cdk8s, zod, the env registry), the release commands, resolve (the AWS
 * SDK), the add-on chart section of the diff. The CLI imports this module
 * only with `await import("./heavy.js")`, when a command gets that far. On
 * the fast path it is a bundle of its own with its own code cache
 * (bin/build.cjs), so a run answered from the cache never reads it.
 */
export { ENV_NAMES, loadEnvironments } from "../env";
export { type RenderWorkers, serveRenderWorker } from "../render/parallel";
export { addOnChartSection, locateChartTools } from "../review/addon-charts";
export { promote, setImage } from "./release-commands";
export { runResolve } from "./resolve";
export { runSynth, synthPlan } from "./synth";
