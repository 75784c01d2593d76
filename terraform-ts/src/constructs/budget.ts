import { BudgetsBudget } from "@cdktf/provider-aws/lib/budgets-budget";
import { Construct } from "constructs";
import { envResourceName } from "../config/naming";
import type { EnvConfig } from "../config/types";

/** Tag keys every resource carries (provider default_tags); the budget filters on `env`. */
export const tagsFor = (env: EnvConfig): Record<string, string> => ({
  env: env.name,
  owner: env.cost.owner,
  "cost-centre": env.cost.costCentre,
  "managed-by": "terraform-ts",
});

export interface MonthlyBudgetProps {
  readonly env: EnvConfig;
}

/**
 * A monthly cost budget for the env's tagged spend. The forecast alert at
 * 80% gives time to act within the month; the actual alert at 100% says it
 * is too late to avoid the overrun.
 */
export class MonthlyBudget extends Construct {
  public readonly budget: BudgetsBudget;

  constructor(scope: Construct, id: string, props: MonthlyBudgetProps) {
    super(scope, id);
    const { env } = props;
    const subscribers = [...env.cost.notificationEmails];
    this.budget = new BudgetsBudget(this, "monthly", {
      name: envResourceName(env, "monthly"),
      budgetType: "COST",
      timeUnit: "MONTHLY",
      limitAmount: env.cost.monthlyBudgetUsd.toFixed(2),
      limitUnit: "USD",
      // Cost allocation tags are prefixed "user:" and joined to their value with "$".
      costFilter: [{ name: "TagKeyValue", values: [`user:env$${env.name}`] }],
      notification: [
        {
          comparisonOperator: "GREATER_THAN",
          notificationType: "FORECASTED",
          threshold: 80,
          thresholdType: "PERCENTAGE",
          subscriberEmailAddresses: subscribers,
        },
        {
          comparisonOperator: "GREATER_THAN",
          notificationType: "ACTUAL",
          threshold: 100,
          thresholdType: "PERCENTAGE",
          subscriberEmailAddresses: subscribers,
        },
      ],
    });
  }
}
