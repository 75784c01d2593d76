import { CeCostAllocationTag } from "@cdktf/provider-aws/lib/ce-cost-allocation-tag";
import { Construct } from "constructs";
import type { EnvConfig } from "../config/types";
import { tagsFor } from "./budget";

/** The default tag keys that split the bill: by env (the budgets filter on it), by team, by cost centre. */
export const COST_ALLOCATION_TAG_KEYS = ["env", "owner", "cost-centre"] as const;

export interface CostAllocationTagsProps {
  readonly env: EnvConfig;
}

/**
 * Turns the default tags into cost allocation tags. Until a tag is active, Cost Explorer and the budgets
 * ignore it: the budget's `user:env$<env>` filter would match nothing. Activation is account-wide, so
 * only the env with `cost.activatesCostAllocationTags` creates this (see environments.ts).
 */
export class CostAllocationTags extends Construct {
  constructor(scope: Construct, id: string, props: CostAllocationTagsProps) {
    super(scope, id);
    // Only keys the env actually tags with can be activated.
    const tagged = tagsFor(props.env);
    for (const tagKey of COST_ALLOCATION_TAG_KEYS) {
      if (tagged[tagKey] === undefined) throw new Error(`cost allocation tag ${tagKey} is not a default tag`);
      new CeCostAllocationTag(this, tagKey, { tagKey, status: "Active" });
    }
  }
}
