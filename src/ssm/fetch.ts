import { type Parameter, paginateGetParametersByPath, type SSMClient } from "@aws-sdk/client-ssm";

/** A parameter as resolve needs it: never more (no ARN, no version history). */
export interface FetchedParameter {
  readonly name: string;
  readonly type: string;
  readonly value: string;
}

function isComplete(parameter: Parameter): parameter is Parameter & { Name: string; Type: string; Value: string } {
  return parameter.Name !== undefined && parameter.Type !== undefined && parameter.Value !== undefined;
}

/** Every parameter below `prefix`, recursively and decrypted, across all pages (the SDK's own paginator). */
export async function fetchParameters(client: SSMClient, prefix: string): Promise<FetchedParameter[]> {
  const parameters: FetchedParameter[] = [];
  const pages = paginateGetParametersByPath({ client }, { Path: prefix, Recursive: true, WithDecryption: true });
  for await (const page of pages) {
    for (const parameter of (page.Parameters ?? []).filter(isComplete)) {
      parameters.push({ name: parameter.Name, type: parameter.Type, value: parameter.Value });
    }
  }
  return parameters.sort((a, b) => a.name.localeCompare(b.name));
}
