import { existsSync } from "node:fs";
import { Chart, Testing } from "cdk8s";
import { describe, expect, it } from "vitest";
import { DashboardConfigMap, SERVER_SIDE_APPLY_BYTES } from "../../src/constructs/dashboard-config-map";
import { dashboard } from "../../src/dashboards/model";
import { ALERTS } from "../../src/slo/alert-catalog";
import { configOf, find, type Manifest, manifestsOf } from "../support/fixtures";

const production = () => manifestsOf(configOf("production"));
const rulesOf = (manifests: Manifest[]) =>
  (find(manifests, "PrometheusRule", "website-slo").spec.groups as Manifest[]).flatMap((g) => g.rules as Manifest[]);

describe("ServiceMonitor", () => {
  it("scrapes the metrics Service by its named port and path, copying the pod-template hash", () => {
    const manifests = production();
    const monitor = find(manifests, "ServiceMonitor", "website");
    expect(monitor.spec.endpoints).toEqual([
      { port: "metrics", path: "/api/metrics", interval: "30s", scrapeTimeout: "10s" },
    ]);
    expect(monitor.spec.podTargetLabels).toEqual(["rollouts-pod-template-hash"]);
    expect(monitor.spec.fallbackScrapeProtocol).toBe("PrometheusText0.0.4");
    const metricsService = find(manifests, "Service", "website-metrics");
    expect(metricsService.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
    for (const name of ["website-active", "website-preview"]) {
      const other = find(manifests, "Service", name).metadata.labels;
      const selected = Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => other[k] === v);
      expect(selected, `${name} must not be scraped twice`).toBe(false);
    }
  });

  it("carries the labels kube-prometheus-stack selects by, as does the PrometheusRule", () => {
    const manifests = production();
    for (const kind of ["ServiceMonitor", "PrometheusRule"]) {
      const object = manifests.find((m) => m.kind === kind);
      expect(object?.metadata.labels).toMatchObject({ release: "kube-prometheus-stack" });
    }
  });
});

describe("PrometheusRule", () => {
  it("records the SLIs over 5m, 30m, 1h, 2h, 6h, 1d, 3d (and 30d) for both SLOs, with burn rates", () => {
    const records = new Set(
      rulesOf(production())
        .map((r) => r.record)
        .filter(Boolean),
    );
    for (const window of ["5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"]) {
      expect(records).toContain(`slo:sli_error:ratio_rate${window}`);
      expect(records).toContain(`slo:burn_rate:ratio_rate${window}`);
    }
    expect(records).toContain("slo:error_budget:ratio");
    expect(records).toContain("slo:error_budget_remaining:ratio");
  });

  it("pages at 14.4x over 1h/5m and 6x over 6h/30m, tickets at 3x over 1d/2h and 1x over 3d/6h", () => {
    const rules = rulesOf(production());
    const fast = rules.find((r) => r.alert === ALERTS.availabilityFastBurn.name);
    const slow = rules.find((r) => r.alert === ALERTS.availabilitySlowBurn.name);
    expect(fast?.expr).toContain(
      'slo:sli_error:ratio_rate1h{namespace="candlefish-production", service="website-metrics", slo="availability"} > 0.0144',
    );
    expect(fast?.expr).toContain("ratio_rate5m{");
    expect(fast?.expr).toContain("> 0.006 and");
    expect(slow?.expr).toContain("ratio_rate1d{");
    expect(slow?.expr).toContain("> 0.003 and");
    expect(slow?.expr).toContain("ratio_rate3d{");
    expect(slow?.expr).toMatch(/ratio_rate6h\{[^}]*\} > 0\.001\)$/);
  });

  it("gives every alert a severity, summary, description and an existing runbook page", () => {
    const manifests = production();
    const drillRules = (find(manifests, "PrometheusRule", "restore-drill").spec.groups as Manifest[]).flatMap(
      (g) => g.rules as Manifest[],
    );
    const alerts = [...rulesOf(manifests), ...drillRules].filter((r) => r.alert !== undefined);
    expect(alerts.map((a) => a.alert).sort()).toEqual(
      Object.values(ALERTS)
        .map((a) => a.name)
        .sort(),
    );
    for (const alert of alerts) {
      expect(["critical", "warning"]).toContain(alert.labels.severity);
      expect(alert.annotations.summary).toMatch(/\w/);
      expect(alert.annotations.description).toMatch(/\w/);
      const page = /\/docs\/runbooks\/([\w-]+\.md)$/.exec(alert.annotations.runbook_url)?.[1];
      expect(page && existsSync(`docs/runbooks/${page}`), alert.alert).toBe(true);
    }
  });
});

describe("Grafana dashboards", () => {
  const dashboards = () => production().filter((m) => m.kind === "ConfigMap" && m.metadata.labels.grafana_dashboard);

  it("ships overview, SLO, infrastructure and business dashboards with the sidecar label", () => {
    expect(
      dashboards()
        .map((m) => m.metadata.name)
        .sort(),
    ).toEqual([
      "website-dashboard-business",
      "website-dashboard-infrastructure",
      "website-dashboard-overview",
      "website-dashboard-slo",
    ]);
    for (const configMap of dashboards()) expect(configMap.metadata.labels.grafana_dashboard).toBe("1");
  });

  it("gives every dashboard a stable, unique uid and every panel a query", () => {
    const parsed = dashboards().map((m) => JSON.parse(Object.values(m.data as Record<string, string>)[0] ?? "{}"));
    const uids = parsed.map((d) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids).toContain("cf-production-website-overview");
    for (const d of parsed) for (const panel of d.panels) expect(panel.targets.length).toBeGreaterThan(0);
  });

  it("shows the business metrics named in env config", () => {
    const business = find(production(), "ConfigMap", "website-dashboard-business");
    expect(JSON.stringify(business.data)).toContain("candlefish_assessments_completed_total");
    expect(JSON.stringify(business.data)).toContain("candlefish_active_users");
  });

  it("asks for server-side apply only when a dashboard could pass the 256 KiB annotation limit", () => {
    const chart = new Chart(Testing.app(), "test");
    const big = dashboard(
      "big",
      "big",
      [],
      [
        {
          title: "x".repeat(SERVER_SIDE_APPLY_BYTES),
          description: "",
          unit: "short",
          queries: [{ expr: "up", legend: "" }],
        },
      ],
    );
    const small = dashboard(
      "small",
      "small",
      [],
      [{ title: "x", description: "", unit: "short", queries: [{ expr: "up", legend: "" }] }],
    );
    new DashboardConfigMap(chart, "big", { name: "big", dashboard: big, labels: {} });
    new DashboardConfigMap(chart, "small", { name: "small", dashboard: small, labels: {} });
    const [bigMap, smallMap] = Testing.synth(chart);
    expect(bigMap.metadata.annotations["argocd.argoproj.io/sync-options"]).toBe("ServerSideApply=true");
    expect(smallMap.metadata.annotations).not.toHaveProperty("argocd.argoproj.io/sync-options");
  });
});
