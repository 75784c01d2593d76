import type { EnvConfig } from "../env";

/** The Secret Alertmanager mounts at /etc/alertmanager/secrets/<name>/ (alertmanagerSpec.secrets). */
export const RECEIVERS_SECRET = "alertmanager-receivers";
/** Keys of the env's alerting secret in AWS Secrets Manager, and of RECEIVERS_SECRET. */
export const RECEIVER_KEYS = { pagerRoutingKey: "pager-routing-key", chatWebhookUrl: "chat-webhook-url" } as const;

const mounted = (key: string) => `/etc/alertmanager/secrets/${RECEIVERS_SECRET}/${key}`;

export const RECEIVERS = { pager: "pager", chat: "chat", none: "null" } as const;

/**
 * Alertmanager's configuration (kube-prometheus-stack `alertmanager.config`): critical alerts page
 * (PagerDuty Events v2) where the env has a pager, everything else goes to the chat channel (Slack).
 * Credentials are read from files of the mounted receivers Secret (`routing_key_file`,
 * `api_url_file`, alertmanager config/notifiers.go), so the config itself holds none. A warning is
 * held back while a critical alert of the same workload and SLO fires.
 */
export function alertmanagerConfig(env: EnvConfig) {
  const chat = {
    name: RECEIVERS.chat,
    slack_configs: [
      {
        api_url_file: mounted(RECEIVER_KEYS.chatWebhookUrl),
        channel: env.monitoring.alerting.chatChannel,
        send_resolved: true,
      },
    ],
  };
  const pager = {
    name: RECEIVERS.pager,
    pagerduty_configs: [{ routing_key_file: mounted(RECEIVER_KEYS.pagerRoutingKey), send_resolved: true }],
  };
  const critical = env.monitoring.alerting.pager ? RECEIVERS.pager : RECEIVERS.chat;
  return {
    route: {
      receiver: RECEIVERS.chat,
      group_by: ["alertname", "namespace"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "4h",
      routes: [
        // kube-prometheus-stack's always-firing heartbeat: proves the pipeline, reaches nobody.
        { receiver: RECEIVERS.none, matchers: ['alertname="Watchdog"'] },
        { receiver: critical, matchers: ['severity="critical"'], repeat_interval: "1h" },
      ],
    },
    inhibit_rules: [
      {
        source_matchers: ['severity="critical"'],
        target_matchers: ['severity="warning"'],
        equal: ["namespace", "service", "slo", "name"],
      },
    ],
    receivers: [...(env.monitoring.alerting.pager ? [pager] : []), chat, { name: RECEIVERS.none }],
  };
}
