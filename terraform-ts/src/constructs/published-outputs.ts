import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Construct } from "constructs";
import { SSM_PARAMETERS, SSM_PREFIX } from "../../../src/ssm/parameters";
import type { EnvName } from "../config/types";

/** A value per contract name; lists become StringList parameters. */
export type PublishedValues = Readonly<Record<string, string | readonly string[]>>;

export interface PublishedOutputsProps {
  readonly envName: EnvName;
  readonly values: PublishedValues;
}

/**
 * The hand-over to the GitOps side: one SSM parameter per entry of the shared
 * contract (src/ssm/parameters.ts), which `npm run resolve` reads back. A
 * missing or unknown name fails the synth rather than the later resolve.
 */
export class PublishedOutputs extends Construct {
  public readonly parameters: SsmParameter[];

  constructor(scope: Construct, id: string, props: PublishedOutputsProps) {
    super(scope, id);
    const contractNames = new Set(SSM_PARAMETERS.map((spec) => spec.name));
    const unknown = Object.keys(props.values).filter((name) => !contractNames.has(name));
    const missing = [...contractNames].filter((name) => !(name in props.values));
    if (unknown.length > 0 || missing.length > 0) {
      throw new Error(
        `SSM outputs do not match src/ssm/parameters.ts: missing [${missing.join(", ")}], unknown [${unknown.join(", ")}]`,
      );
    }

    this.parameters = SSM_PARAMETERS.map((spec) => {
      const value = props.values[spec.name];
      const isList = typeof value !== "string";
      if (isList !== (spec.type === "StringList")) {
        throw new Error(`SSM output ${spec.name}: the contract says ${spec.type}`);
      }
      return new SsmParameter(this, spec.name, {
        name: `${SSM_PREFIX(props.envName)}${spec.name}`,
        type: spec.type,
        // StringList is SSM's comma-separated convention; the reader splits on ",".
        value: typeof value === "string" ? value : value.join(","),
        description: `Published for the GitOps side (${spec.output})`,
        tier: "Standard",
      });
    });
  }
}
