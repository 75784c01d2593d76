import type { z } from "zod";

const MAX_VALUE_LENGTH = 80;

/** A user mistake in an env file: printed as lines, never as a stack trace. */
export class EnvConfigError extends Error {
  constructor(
    readonly env: string,
    readonly problems: readonly string[],
  ) {
    super(problems.join("\n"));
    this.name = "EnvConfigError";
  }
}

/**
 * Whether an error is an EnvConfigError, by name and shape rather than by
 * class: on the fast path the renderer is a second bundle with its own copy
 * of the class (see bin/build.cjs), so `instanceof` would miss its errors.
 */
export function isEnvConfigError(error: unknown): error is EnvConfigError {
  return (
    error instanceof Error &&
    error.name === "EnvConfigError" &&
    Array.isArray((error as Partial<EnvConfigError>).problems)
  );
}

function describeValue(value: unknown): string {
  const text = value === undefined ? "nothing" : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** `env production: workloads.website.hpa.minReplicas: <message> (got 2)`; `subject` is "env production" or "delivery". */
export function formatIssue(subject: string, issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)";
  // A bad record key ("workloads.Website") carries the key's own rule inside.
  const message =
    issue.code === "invalid_key" && issue.issues[0] !== undefined ? `key ${issue.issues[0].message}` : issue.message;
  return `${subject}: ${path}: ${message} (got ${describeValue(issue.input)})`;
}
