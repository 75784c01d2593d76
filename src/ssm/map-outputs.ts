import { type InfraOutputs, infraOutputsSchema } from "../env/outputs-schema";
import type { FetchedParameter } from "./fetch";
import { SSM_PARAMETERS, SSM_PREFIX } from "./parameters";

export type MappingResult =
  | { readonly ok: true; readonly outputs: InfraOutputs; readonly ignored: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] ?? path] = value;
}

/**
 * Maps an env's parameters onto the outputs contract. Collects every problem
 * before giving up: all missing names at once, each wrong type with the type
 * expected. A SecureString is refused and its value never leaves this function.
 */
export function mapToOutputs(env: string, parameters: readonly FetchedParameter[]): MappingResult {
  const prefix = SSM_PREFIX(env);
  const byName = new Map(parameters.map((parameter) => [parameter.name, parameter]));
  const problems: string[] = [];
  const outputs: Record<string, unknown> = {};
  const parameterOfOutput = new Map<string, string>();

  for (const spec of SSM_PARAMETERS) {
    const name = `${prefix}${spec.name}`;
    parameterOfOutput.set(spec.output, name);
    const parameter = byName.get(name);
    if (parameter === undefined) {
      problems.push(`${name}: missing (expected a ${spec.type})`);
    } else if (parameter.type === "SecureString") {
      problems.push(
        `${name}: is a SecureString; outputs must not hold secrets (keep it in Secrets Manager and read it through External Secrets)`,
      );
    } else if (parameter.type !== spec.type) {
      problems.push(`${name}: is a ${parameter.type}, expected a ${spec.type}`);
    } else if (spec.json) {
      try {
        setPath(outputs, spec.output, JSON.parse(parameter.value));
      } catch (error) {
        problems.push(`${name}: is not JSON (${(error as Error).message})`);
      }
    } else {
      setPath(outputs, spec.output, spec.type === "StringList" ? parameter.value.split(",") : parameter.value);
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const parsed = infraOutputsSchema.safeParse(outputs, { reportInput: true });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const output = issue.path.filter((key) => typeof key === "string").join(".");
        // The longest output path that is a parameter's: a JSON parameter's fields sit below it.
        const keys = output.split(".");
        const owner = keys
          .map((_, end) => keys.slice(0, keys.length - end).join("."))
          .find((p) => parameterOfOutput.has(p));
        const name = (owner === undefined ? undefined : parameterOfOutput.get(owner)) ?? output;
        return `${name}: ${issue.message} (got ${JSON.stringify(issue.input)})`;
      }),
    };
  }
  const known = new Set(SSM_PARAMETERS.map((spec) => `${prefix}${spec.name}`));
  return { ok: true, outputs: parsed.data, ignored: parameters.map((p) => p.name).filter((name) => !known.has(name)) };
}
