import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import { type HardenedJobProps, hardenedJobSpec } from "./hardened-job";
import { SYNC_WAVE, syncWave } from "./sync-wave";

export interface ScheduledJobProps {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly schedule: string;
  readonly job: Omit<HardenedJobProps, "labels">;
}

/** A hardened Job on a UTC schedule, never two at once, its last runs kept for inspection. */
export class ScheduledJob extends Construct {
  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    const { name, labels } = props;
    new ApiObject(this, "cron", {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name, labels, annotations: syncWave(SYNC_WAVE.supporting) },
      spec: {
        schedule: props.schedule,
        timeZone: "Etc/UTC",
        // Never two at once: a slow run must not race the next one.
        concurrencyPolicy: "Forbid",
        startingDeadlineSeconds: 3600,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        suspend: false,
        jobTemplate: { metadata: { labels }, spec: hardenedJobSpec({ ...props.job, labels }) },
      },
    });
  }
}
