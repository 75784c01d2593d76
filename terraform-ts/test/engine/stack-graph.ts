/** One resource block of a synthesized stack: its Terraform address and the resources it needs. */
export interface StackResource {
  /** `aws_vpc.network_vpc_1A2B3C4D`, what `-target` takes. */
  readonly address: string;
  /** The construct path below the stack (`network/vpc`), what people read and what the lists name. */
  readonly path: string;
  /** Addresses of the resources it references or depends_on (data sources left out). */
  readonly needs: ReadonlySet<string>;
}

interface TerraformJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
}

/** `${aws_x.name.attr}` and `depends_on: ["aws_x.name"]`; `data.aws_x...` does not match (no dot before). */
const REFERENCE = /(?<![\w.])(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;

/** Every resource of a cdk.tf.json with the addresses it references; the stack name prefix is dropped. */
export function stackResources(stackJson: string): StackResource[] {
  const stack = JSON.parse(stackJson) as TerraformJson;
  const resources: StackResource[] = [];
  for (const [type, byName] of Object.entries(stack.resource ?? {})) {
    for (const [name, block] of Object.entries(byName)) {
      const { "//": metadata, ...body } = block as { "//"?: { metadata?: { path?: string } } };
      const fullPath = metadata?.metadata?.path ?? `${type}.${name}`;
      const needs = new Set<string>();
      for (const [, refType, refName] of JSON.stringify(body).matchAll(REFERENCE)) {
        needs.add(`${refType}.${refName}`);
      }
      needs.delete(`${type}.${name}`);
      resources.push({ address: `${type}.${name}`, path: fullPath.split("/").slice(1).join("/"), needs });
    }
  }
  return resources.sort((a, b) => a.address.localeCompare(b.address));
}

/** The resources that need `excluded` directly or through others (the closure a `-target` run leaves out). */
export function dependentsOf(resources: readonly StackResource[], excluded: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const resource of resources) {
      if (out.has(resource.address) || excluded.has(resource.address)) continue;
      if ([...resource.needs].some((need) => excluded.has(need) || out.has(need))) {
        out.add(resource.address);
        grew = true;
      }
    }
  }
  return out;
}
