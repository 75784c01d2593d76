import { deepmergeCustom } from "deepmerge-ts";
import type { EnvConfigInput } from "./schema";

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/**
 * What an env file holds: only the fields where it differs from base. Its image and infra outputs are
 * committed JSON that automation writes, read at run time (committed-json.ts), never set here.
 */
export type EnvOverrides = Omit<DeepPartial<EnvConfigInput>, "image" | "infra"> & Pick<EnvConfigInput, "name">;

/** Lists replace (an env's zones are its own); objects merge key by key. */
const mergeReplacingArrays = deepmergeCustom({ mergeArrays: false });

/**
 * Layers an env's overrides on the shared base. The result is still unchecked
 * input: validation happens once, in loadEnvConfig, so errors name the env.
 */
export function defineEnv(base: DeepPartial<EnvConfigInput>, overrides: EnvOverrides): unknown {
  return mergeReplacingArrays(base, overrides);
}
