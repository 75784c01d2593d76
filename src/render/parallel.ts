import { availableParallelism } from "node:os";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker, workerData } from "node:worker_threads";
import type { EnvConfig } from "../env";
import { type EnvOutput, renderEnvOutput } from "./env-output";

/**
 * How to start a render worker: a script that loads the renderer bundle and
 * calls serveRenderWorker() (bin/render-worker.cjs; only a bundle can run in
 * a worker, not TypeScript sources, so tests and tsx render in one thread).
 */
export interface RenderWorkers {
  readonly script: string;
  readonly bundle: string;
}

/**
 * Below this many workload-envs a render is over before a worker has loaded
 * the renderer: the real repository (2) renders in one thread.
 */
export const MIN_PARALLEL_WORKLOADS = 16;
/** A worker that neither answers nor fails within this is reported, not waited for forever. */
const WORKER_TIMEOUT_MS = 10 * 60_000;

interface Job {
  readonly port: MessagePort;
  readonly done: Int32Array;
  readonly configs: readonly EnvConfig[];
}
type Answer = { readonly outputs: EnvOutput[] } | { readonly error: string };

const workloadsOf = (config: EnvConfig) => Object.keys(config.workloads).length;

/** Splits envs into `count` groups of about equal workload count, largest envs first. */
function groups(configs: readonly EnvConfig[], count: number): EnvConfig[][] {
  const result: { configs: EnvConfig[]; load: number }[] = Array.from({ length: count }, () => ({
    configs: [],
    load: 0,
  }));
  for (const config of [...configs].sort((a, b) => workloadsOf(b) - workloadsOf(a))) {
    const lightest = result.reduce((min, group) => (group.load < min.load ? group : min));
    lightest.configs.push(config);
    lightest.load += workloadsOf(config);
  }
  return result.map((group) => group.configs);
}

/** Envs being rendered: worker threads started on their share, this thread's share still to do. */
export interface Rendering {
  /**
   * Renders this thread's share, waits for the workers', and returns every env's output in order.
   * `whileWaiting` gets this thread's outputs when workers still render, so the wait can be used.
   */
  finish(whileWaiting?: (outputs: readonly EnvOutput[]) => void): EnvOutput[];
  /** Stops the workers (the run was refused after all); nothing they rendered is used. */
  cancel(): void;
}

/**
 * Starts rendering parsed envs. Envs are independent, so with `workers` and
 * enough work they are split between this thread and up to one worker per
 * other core. Workers start at once, so loading the renderer and their
 * share overlap with what this thread still checks before it renders (the
 * cross-env rules); a refused run cancels them. Synchronous on purpose
 * (Atomics.wait, receiveMessageOnPort): the output is identical either way
 * and callers keep one simple API.
 */
export function startRendering(configs: readonly EnvConfig[], workers?: RenderWorkers): Rendering {
  const total = configs.reduce((sum, config) => sum + workloadsOf(config), 0);
  const threads = Math.min(configs.length, availableParallelism());
  if (workers === undefined || threads < 2 || total < MIN_PARALLEL_WORKLOADS) {
    return { finish: () => configs.map(renderEnvOutput), cancel: () => {} };
  }

  const [own = [], ...theirs] = groups(configs, threads);
  const done = new Int32Array(new SharedArrayBuffer(4 * theirs.length));
  const started = theirs.map((share, index) => {
    const { port1, port2 } = new MessageChannel();
    const job: Job = { port: port2, done: done.subarray(index, index + 1), configs: share };
    const worker = new Worker(workers.script, { workerData: { bundle: workers.bundle, job }, transferList: [port2] });
    worker.unref();
    return { worker, port: port1 };
  });
  const finish = (whileWaiting?: (outputs: readonly EnvOutput[]) => void): EnvOutput[] => {
    const outputs = own.map(renderEnvOutput);
    whileWaiting?.(outputs);
    started.forEach(({ port }, index) => {
      if (Atomics.wait(done, index, 0, WORKER_TIMEOUT_MS) === "timed-out") {
        throw new Error(`render worker ${index + 1} gave no answer in ${WORKER_TIMEOUT_MS / 60_000} minutes`);
      }
      const answer = receiveMessageOnPort(port)?.message as Answer | undefined;
      port.close();
      if (answer === undefined || "error" in answer)
        throw new Error(`render worker ${index + 1} failed: ${answer?.error}`);
      outputs.push(...answer.outputs);
    });
    const byEnv = new Map(outputs.map((output) => [output.env, output]));
    return configs.map((config) => byEnv.get(config.name) as EnvOutput);
  };
  const cancel = () => {
    for (const { worker, port } of started) {
      port.close();
      void worker.terminate();
    }
  };
  return { finish, cancel };
}

/** The worker side (called by bin/render-worker.cjs): renders its share, answers, and wakes the main thread. */
export function serveRenderWorker(): void {
  const { job } = workerData as { job: Job };
  let answer: Answer;
  try {
    // Files travel back as text only: cloning every manifest object too would cost more than it saves the review.
    const outputs = job.configs.map(renderEnvOutput);
    answer = {
      outputs: outputs.map((output) => ({
        ...output,
        files: output.files.map(({ name, content }) => ({ name, content })),
      })),
    };
  } catch (error) {
    answer = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  job.port.postMessage(answer);
  Atomics.store(job.done, 0, 1);
  Atomics.notify(job.done, 0);
}
