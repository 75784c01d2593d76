import { catalogAlert } from "./catalog-alert";
import type { RuleGroup } from "./rule-types";

export interface RestoreDrillRuleProps {
  /** The drill's namespace and CronJob, as kube-state-metrics labels them. */
  readonly namespace: string;
  readonly cronJob: string;
  readonly recoveryTimeObjectiveMinutes: number;
  readonly maxDaysBetweenDrills: number;
  readonly runbookUrl: (page: string) => string;
}

/** Seconds each drill Job has run: start to completion, or start to now while it runs. */
export const DRILL_DURATION_RECORD = "candlefish:restore_drill_duration_seconds";

/**
 * The drill's result and duration, read from what kube-state-metrics (v2.19.1, deployed by
 * kube-prometheus-stack 88.3.0 and already scraped) exports about its CronJob and Jobs
 * (internal/store/cronjob.go: kube_cronjob_status_last_successful_time, only once a run succeeded,
 * and kube_cronjob_created; internal/store/job.go: kube_job_status_start_time, _completion_time (set
 * on success only), kube_job_status_active, kube_job_failed{condition}, kube_job_owner). No
 * Pushgateway and no Kubernetes API rights in the drill pod: the Job's own status is the report.
 */
export function restoreDrillRuleGroups(props: RestoreDrillRuleProps): RuleGroup[] {
  const ns = `namespace="${props.namespace}"`;
  const cron = `${ns}, cronjob="${props.cronJob}"`;
  const ownedByDrill = `on (namespace, job_name) kube_job_owner{${ns}, owner_kind="CronJob", owner_name="${props.cronJob}"}`;
  const maxAgeSeconds = props.maxDaysBetweenDrills * 86400;
  const rtoSeconds = props.recoveryTimeObjectiveMinutes * 60;
  return [
    {
      name: "restore-drill",
      rules: [
        {
          record: DRILL_DURATION_RECORD,
          expr: [
            "(",
            `  (kube_job_status_completion_time{${ns}} - kube_job_status_start_time{${ns}})`,
            "  or",
            `  (time() - kube_job_status_start_time{${ns}} and on (namespace, job_name) kube_job_status_active{${ns}} > 0)`,
            ")",
            `and ${ownedByDrill}`,
          ].join("\n"),
        },
        // Silence is failure: no success within the interval, a drill that never succeeded since its
        // CronJob was created that long ago, or no CronJob at all (deleted, never synced, not scraped).
        catalogAlert(
          "restoreDrillOverdue",
          [
            `time() - kube_cronjob_status_last_successful_time{${cron}} > ${maxAgeSeconds}`,
            "or",
            `(time() - kube_cronjob_created{${cron}} > ${maxAgeSeconds} unless on (namespace, cronjob) kube_cronjob_status_last_successful_time{${cron}})`,
            "or",
            `absent(kube_cronjob_created{${cron}})`,
          ].join("\n"),
          "1h",
          props,
        ),
        catalogAlert(
          "restoreDrillFailed",
          `kube_job_failed{${ns}, condition="true"} == 1\nand ${ownedByDrill}`,
          "0s",
          props,
        ),
        // Fires while a slow drill still runs, and stays while its finished Job is kept.
        catalogAlert("restoreDrillSlow", `${DRILL_DURATION_RECORD}{${ns}} > ${rtoSeconds}`, "0s", props),
      ],
    },
  ];
}
