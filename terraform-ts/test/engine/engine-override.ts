import { excludes, MOTO_ROUND_TRIP_GAPS } from "./moto-gaps";

/** The override file the engine tests add beside the stack's unchanged cdk.tf.json. */
export const ENGINE_OVERRIDE_FILE = "engine_override.tf.json";

interface StackJson {
  readonly provider?: { readonly aws?: readonly { readonly alias?: string }[] };
  readonly resource?: Record<
    string,
    Record<string, { "//"?: { metadata?: { path?: string } }; lifecycle?: { ignore_changes?: string[] } }>
  >;
}

/**
 * Everything the tests change, and only that (Terraform "Override Files": the override's backend
 * replaces the original's; provider blocks merge by alias; lifecycle merges argument by argument):
 * - local state instead of the S3 backend (engine.test.ts proves the unmodified stack still gets S3);
 * - path-style S3 URLs, which a loopback endpoint needs (no DNS for <bucket>.127.0.0.1), on every alias;
 * - ignore_changes for the attributes moto does not give back (MOTO_ROUND_TRIP_GAPS), added to the
 *   resource's own ignore_changes, which the override would otherwise replace.
 */
export function engineOverride(stackJson: string): Record<string, unknown> {
  const stack = JSON.parse(stackJson) as StackJson;
  const resource: Record<string, Record<string, unknown>> = {};
  for (const [type, byName] of Object.entries(stack.resource ?? {})) {
    for (const [name, block] of Object.entries(byName)) {
      const path = block["//"]?.metadata?.path?.split("/").slice(1).join("/") ?? "";
      const ignored = MOTO_ROUND_TRIP_GAPS.filter((gap) => excludes(gap, path)).flatMap((gap) => gap.attributes);
      if (ignored.length === 0) continue;
      resource[type] ??= {};
      resource[type][name] = {
        lifecycle: { ignore_changes: [...(block.lifecycle?.ignore_changes ?? []), ...ignored] },
      };
    }
  }
  return {
    terraform: { backend: { local: { path: "terraform.tfstate" } } },
    provider: {
      aws: (stack.provider?.aws ?? []).map(({ alias }) => ({
        ...(alias === undefined ? {} : { alias }),
        s3_use_path_style: true,
      })),
    },
    resource,
  };
}

/**
 * What an operator sets before `terraform destroy`: deletion protection off (RDS refuses to delete a
 * protected instance) and force_destroy on buckets (S3 refuses to delete a bucket with objects in it).
 * `addresses` are the aws_db_instance and aws_s3_bucket resources of the stack.
 */
export function teardownOverride(addresses: readonly string[]): Record<string, unknown> {
  const resource: Record<string, Record<string, unknown>> = {};
  for (const address of addresses) {
    const [type, name] = address.split(".");
    const guard = type === "aws_db_instance" ? { deletion_protection: false } : { force_destroy: true };
    resource[type] ??= {};
    resource[type][name] = guard;
  }
  return { resource };
}
