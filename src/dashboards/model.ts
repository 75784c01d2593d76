/**
 * The part of Grafana's dashboard JSON model these dashboards use, typed so a
 * panel cannot be written without a query, a unit or a place on the grid.
 */
export interface PanelTarget {
  readonly refId: string;
  readonly expr: string;
  readonly legendFormat: string;
}

export interface Panel {
  readonly id: number;
  readonly type: "timeseries" | "stat";
  readonly title: string;
  readonly description: string;
  readonly gridPos: { readonly h: number; readonly w: number; readonly x: number; readonly y: number };
  readonly datasource: { readonly type: "prometheus"; readonly uid: string };
  readonly targets: readonly PanelTarget[];
  readonly fieldConfig: { readonly defaults: { readonly unit: string; readonly min?: number }; readonly overrides: [] };
  readonly options: Record<string, never>;
}

export interface Dashboard {
  readonly uid: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly timezone: "utc";
  readonly schemaVersion: 39;
  readonly version: 1;
  readonly editable: false;
  readonly refresh: "1m";
  readonly time: { readonly from: string; readonly to: "now" };
  readonly templating: { readonly list: readonly unknown[] };
  readonly panels: readonly Panel[];
}

/** A panel before layout: what it shows and how. */
export interface PanelSpec {
  readonly title: string;
  readonly description: string;
  readonly unit: string;
  readonly queries: readonly { readonly expr: string; readonly legend: string }[];
  readonly type?: Panel["type"];
}

/** Grafana's own variable syntax, not a JavaScript template: panels use the dashboard's data source picker. */
const DATASOURCE_UID = "$" + "{datasource}";

const PANEL_HEIGHT = 8;
const HALF_WIDTH = 12;

const DATASOURCE_VARIABLE = {
  name: "datasource",
  type: "datasource",
  query: "prometheus",
  label: "Data source",
  current: {},
  hide: 0,
};

/** Lays panels out two per row, numbers them, and wraps them in a dashboard with a stable uid. */
export function dashboard(uid: string, title: string, tags: readonly string[], specs: readonly PanelSpec[]): Dashboard {
  const panels = specs.map(
    (spec, index): Panel => ({
      id: index + 1,
      type: spec.type ?? "timeseries",
      title: spec.title,
      description: spec.description,
      gridPos: { h: PANEL_HEIGHT, w: HALF_WIDTH, x: (index % 2) * HALF_WIDTH, y: Math.floor(index / 2) * PANEL_HEIGHT },
      datasource: { type: "prometheus", uid: DATASOURCE_UID },
      targets: spec.queries.map((query, queryIndex) => ({
        refId: String.fromCharCode(65 + queryIndex),
        expr: query.expr,
        legendFormat: query.legend,
      })),
      fieldConfig: { defaults: { unit: spec.unit }, overrides: [] },
      options: {},
    }),
  );
  return {
    uid,
    title,
    tags,
    timezone: "utc",
    schemaVersion: 39,
    version: 1,
    editable: false,
    refresh: "1m",
    time: { from: "now-6h", to: "now" },
    templating: { list: [DATASOURCE_VARIABLE] },
    panels,
  };
}
