// What Prometheus and Grafana read: the ServiceMonitor, the SLO PrometheusRule, dashboards. May import: meta/, network/.
export * from "./dashboard-config-map";
export * from "./slo-prometheus-rule";
export * from "./website-service-monitor";
