import { MAX_ATTEMPTS } from "./client";

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "EAI_AGAIN"]);

/** One sentence that says what was tried and what to check, for an AWS SDK failure. */
export function explainAwsError(error: unknown, where: string): string {
  const sdk = (typeof error === "object" && error !== null ? error : {}) as SdkError;
  const message = sdk.message ?? String(error);
  if (sdk.name === "CredentialsProviderError") {
    return `no AWS credentials for ${where}: tried environment variables, AWS_PROFILE and the shared config/credentials files, SSO, web identity and instance metadata (${message})`;
  }
  if (/region is missing|region not accepted/i.test(message)) {
    return `no AWS region for ${where}: set AWS_REGION, or AWS_PROFILE to a profile that has a region`;
  }
  const attempts = sdk.$metadata?.attempts ?? MAX_ATTEMPTS;
  if (
    NETWORK_CODES.has(sdk.code ?? "") ||
    NETWORK_CODES.has(sdk.name ?? "") ||
    /timeout|ECONNREFUSED|socket hang up/i.test(`${sdk.name} ${message}`)
  ) {
    return `could not reach ${where} after ${attempts} attempts: ${sdk.code ?? sdk.name}: ${message}`;
  }
  if (sdk.$metadata?.httpStatusCode !== undefined) {
    return `${where} refused the request (HTTP ${sdk.$metadata.httpStatusCode}, ${sdk.name}): ${message}`;
  }
  return `${where} failed: ${sdk.name ?? "Error"}: ${message}`;
}
