import { Chart } from "cdk8s";
import type { Construct } from "constructs";
import { DatabaseJobs } from "../constructs/data";
import type { EnvConfig } from "../env";

/** The env's database operations: migrations, backups, restore drills. */
export class JobsChart extends Chart {
  constructor(scope: Construct, env: EnvConfig) {
    super(scope, "jobs", { namespace: env.namespace, disableResourceNameHashes: true });
    new DatabaseJobs(this, "database", env);
  }
}
