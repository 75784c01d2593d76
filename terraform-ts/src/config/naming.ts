import type { EnvConfig } from "./types";

/** `candlefish-<env>-<what>`: the IAM role names match src/env/outputs/<env>.json. */
export function envResourceName(env: EnvConfig, what?: string): string {
  return what === undefined ? `candlefish-${env.name}` : `candlefish-${env.name}-${what}`;
}

/** Secrets Manager names the GitOps side reads through External Secrets. */
export function envSecretName(env: EnvConfig, what: string): string {
  return `candlefish/${env.name}/${what}`;
}

export function accountRootArn(env: EnvConfig): string {
  return `arn:aws:iam::${env.accountId}:root`;
}
