import { addOnVersionProblems } from "../addons/version-rules";
import { capacityProblems } from "../capacity/rule";
import {
  delivery as committedDelivery,
  type DeliveryConfig,
  type EnvConfig,
  isEnvConfigError,
  parseDeliveryConfig,
  parseEnvConfig,
} from "../env";
import { manualGateProblems } from "../env/delivery-rules";
import { type ArgoCdLayout, renderArgoCd } from "./argocd";
import type { RenderedFile } from "./manifests";
import { type RenderWorkers, startRendering } from "./parallel";

/** Everything one run renders: each env's files, and Argo CD's when every env was rendered. */
export interface RenderPlan {
  readonly envs: ReadonlyMap<string, readonly RenderedFile[]>;
  readonly argocd?: readonly RenderedFile[];
}

/** Thrown when one or more envs (or the delivery config) are invalid; carries every problem. */
export class InvalidEnvsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "InvalidEnvsError";
  }
}

function collect<T>(problems: string[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!isEnvConfigError(error)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

export interface RenderRequest {
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly selected: readonly string[];
  /** Worker threads may render envs (the fast path's bundle only). */
  readonly workers?: RenderWorkers;
  /**
   * Hears of envs rendered while worker threads still render others (synth stages their folders then); every
   * env still ends up in the plan, and a run refused later writes nothing of them.
   */
  readonly stageEarly?: (env: string, files: readonly RenderedFile[]) => void;
  /** Present to render argocd/ too (only sensible when every env is selected). */
  readonly argocd?: { readonly delivery: unknown; readonly layout: ArgoCdLayout };
}

/** Parses every selected env; problems are collected, not thrown. */
function parseSelected(request: RenderRequest, problems: string[]): EnvConfig[] {
  const configs: EnvConfig[] = [];
  for (const env of request.selected) {
    if (!(env in request.inputs)) {
      problems.push(`env ${env}: unknown env; known envs: ${Object.keys(request.inputs).sort().join(", ")}`);
      continue;
    }
    const config = collect(problems, () => parseEnvConfig(env, request.inputs[env]));
    if (config !== undefined) configs.push(config);
  }
  return configs;
}

/**
 * Validates every selected env (and the delivery config) before writing
 * anything: one bad input fails the whole run, so nothing is written and the
 * user sees all problems at once. Once every env parses, rendering starts
 * (in worker threads when there are any) while this thread checks the rules
 * that read whole envs (capacity, add-on versions, the manual gate); a
 * refused run cancels it.
 */
export function renderPlan(request: RenderRequest): RenderPlan {
  const problems: string[] = [];
  const configs = parseSelected(request, problems);
  // The delivery policy binds every render (production's manual gate), not only the one that writes argocd/.
  const delivery: DeliveryConfig | undefined = collect(problems, () =>
    parseDeliveryConfig(request.argocd?.delivery ?? committedDelivery),
  );
  // Started only when every input parsed; the rules below may still refuse the run and cancel it.
  const rendering = problems.length === 0 ? startRendering(configs, request.workers) : undefined;
  for (const config of configs) problems.push(...addOnVersionProblems(config), ...capacityProblems(config));
  if (delivery !== undefined) problems.push(...manualGateProblems(delivery, configs));
  if (problems.length > 0 || rendering === undefined) {
    rendering?.cancel();
    throw new InvalidEnvsError(problems);
  }

  const { stageEarly } = request;
  const outputs = rendering.finish(
    stageEarly &&
      ((early) => {
        for (const output of early) stageEarly(output.env, output.files);
      }),
  );
  const envs = new Map(outputs.map((output) => [output.env, output.files]));
  if (request.argocd === undefined || delivery === undefined) return { envs };
  const rendered = configs.map((config, index) => ({ config, kinds: outputs[index]?.kinds ?? [] }));
  return { envs, argocd: renderArgoCd(delivery, rendered, request.argocd.layout) };
}
