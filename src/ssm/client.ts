import { SSMClient } from "@aws-sdk/client-ssm";
import { NodeHttpHandler } from "@smithy/node-http-handler";

/** Bounded on purpose: resolve runs in a terminal or CI, so it must fail in seconds, not hang. */
export const MAX_ATTEMPTS = 3;
const CONNECTION_TIMEOUT_MS = 3_000;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * An SSM client from the standard AWS SDK chain (AWS_REGION / AWS_PROFILE,
 * shared config and credentials files, SSO, web identity, instance roles),
 * with the SDK's own adaptive retries and a per-call timeout.
 */
export function ssmClient(endpoint?: string): SSMClient {
  return new SSMClient({
    ...(endpoint === undefined ? {} : { endpoint }),
    retryMode: "adaptive",
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
    }),
  });
}
