/**
 * Every alert this repo renders: its name, severity and runbook page. The
 * rules, the promtool tests and docs/runbooks/ all read this one table.
 * `critical` pages someone now; `warning` opens a ticket for working hours.
 */
export const ALERTS = {
  availabilityFastBurn: {
    name: "AvailabilityBudgetFastBurn",
    severity: "critical",
    runbook: "availability-budget-burn",
    summary: "Error budget burning fast in {{ $labels.namespace }}",
    description:
      "{{ $labels.service }} in {{ $labels.namespace }} answers 5xx at a rate that exhausts the 30-day error budget within days (burn rate ≥ 6 over 6h/30m or ≥ 14.4 over 1h/5m).",
  },
  availabilitySlowBurn: {
    name: "AvailabilityBudgetSlowBurn",
    severity: "warning",
    runbook: "availability-budget-burn",
    summary: "Error budget burning steadily in {{ $labels.namespace }}",
    description:
      "{{ $labels.service }} in {{ $labels.namespace }} spends its 30-day error budget faster than it accrues (burn rate ≥ 3 over 1d/2h or ≥ 1 over 3d/6h).",
  },
  latencyFastBurn: {
    name: "LatencyBudgetFastBurn",
    severity: "critical",
    runbook: "latency-budget-burn",
    summary: "Latency budget burning fast in {{ $labels.namespace }}",
    description:
      "Too many requests to {{ $labels.service }} in {{ $labels.namespace }} are slower than the objective: the latency budget runs out within days.",
  },
  latencySlowBurn: {
    name: "LatencyBudgetSlowBurn",
    severity: "warning",
    runbook: "latency-budget-burn",
    summary: "Latency budget burning steadily in {{ $labels.namespace }}",
    description:
      "Requests to {{ $labels.service }} in {{ $labels.namespace }} are slower than the objective more often than the SLO allows over days.",
  },
  latencyP95High: {
    name: "LatencyP95AboveObjective",
    severity: "warning",
    runbook: "latency-p95-high",
    summary: "p95 latency above the objective in {{ $labels.namespace }}",
    description:
      "The 95th-percentile latency of {{ $labels.service }} in {{ $labels.namespace }} has been above the objective for 10 minutes.",
  },
  rolloutDegraded: {
    name: "RolloutDegraded",
    severity: "critical",
    runbook: "rollout-degraded",
    summary: "Rollout {{ $labels.name }} is Degraded in {{ $labels.namespace }} ({{ $labels.phase }})",
    description:
      "Argo Rollouts reports {{ $labels.namespace }}/{{ $labels.name }} in phase {{ $labels.phase }}: a release was aborted (failed gates or an operator), missed its progress deadline, or its spec is invalid.",
  },
  rolloutAborted: {
    name: "RolloutAborted",
    severity: "warning",
    runbook: "rollout-aborted",
    summary: "Rollout {{ $labels.name }} was aborted in {{ $labels.namespace }}",
    description:
      "A release of {{ $labels.namespace }}/{{ $labels.name }} was aborted; traffic stays on the previous version until Git is reverted.",
  },
  rolloutPausedTooLong: {
    name: "RolloutPausedTooLong",
    severity: "warning",
    runbook: "rollout-paused",
    summary: "Rollout {{ $labels.name }} has waited long for promotion in {{ $labels.namespace }}",
    description:
      "{{ $labels.namespace }}/{{ $labels.name }} has been Paused past its limit: promote or abort the waiting release.",
  },
  hpaMaxedOut: {
    name: "HorizontalPodAutoscalerMaxedOut",
    severity: "warning",
    runbook: "hpa-maxed-out",
    summary: "{{ $labels.horizontalpodautoscaler }} runs at its maximum replicas in {{ $labels.namespace }}",
    description:
      "The HPA {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} has been at maxReplicas for 15 minutes: it cannot absorb more load.",
  },
  podCrashLooping: {
    name: "PodCrashLooping",
    severity: "critical",
    runbook: "pod-crash-looping",
    summary: "{{ $labels.pod }} is crash-looping in {{ $labels.namespace }}",
    description:
      "Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} has been in CrashLoopBackOff for 15 minutes.",
  },
  externalSecretNotSynced: {
    name: "ExternalSecretNotSynced",
    severity: "warning",
    runbook: "external-secret-not-synced",
    summary: "ExternalSecret {{ $labels.name }} is not synced in {{ $labels.namespace }}",
    description:
      "{{ $labels.namespace }}/{{ $labels.name }} has not been Ready for 15 minutes: the Kubernetes Secret may be stale or missing.",
  },
  restoreDrillOverdue: {
    name: "RestoreDrillOverdue",
    severity: "warning",
    runbook: "restore-drill",
    summary: "No successful restore drill in {{ $labels.namespace }} for too long",
    description:
      "The CronJob {{ $labels.namespace }}/{{ $labels.cronjob }} has not completed a restore drill within its allowed interval (or does not exist, or was never successful): the backups are unproven.",
  },
  restoreDrillFailed: {
    name: "RestoreDrillFailed",
    severity: "warning",
    runbook: "restore-drill",
    summary: "Restore drill {{ $labels.job_name }} failed in {{ $labels.namespace }}",
    description:
      "The restore drill Job {{ $labels.namespace }}/{{ $labels.job_name }} failed: the latest backup could not be fetched, decrypted, restored or checked.",
  },
  restoreDrillSlow: {
    name: "RestoreDrillSlowerThanRto",
    severity: "warning",
    runbook: "restore-drill",
    summary: "Restore drill {{ $labels.job_name }} is slower than the database RTO",
    description:
      "The restore drill Job {{ $labels.namespace }}/{{ $labels.job_name }} has run longer than the database recovery time objective: a real restore would miss it.",
  },
} as const;

export type AlertKey = keyof typeof ALERTS;
