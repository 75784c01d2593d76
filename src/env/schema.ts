import type { z } from "zod";
import { crossFieldRules } from "./rules";
import { envShape } from "./shape";

/**
 * The env config schema: the shape (shape.ts: each field on its own) composed with the rules that span
 * fields (rules.ts). Read in one direction: shape <- rules <- schema.
 */
export const envConfigSchema = envShape.superRefine(crossFieldRules);

/** What an env file writes: the same shape, before validation. */
export type EnvConfigInput = z.input<typeof envConfigSchema>;
/** A validated environment, the only thing charts accept. */
export type EnvConfig = z.output<typeof envConfigSchema>;
export type { EnvShape, WorkloadConfig } from "./shape";
