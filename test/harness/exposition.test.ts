import { describe, expect, it } from "vitest";
import { countsOver, exposition, scenarioExposition } from "../../harness/scenarios";

/** The stand-in website's metrics, which the Prometheus suites and the rehearsal scrape. */
describe("harness: the website's metrics exposition", () => {
  const counts = countsOver({ rps: 10, errorShare: 0.1, slowShare: 0.2, slowSeconds: 3 }, 60);

  it("adds up traffic over time: total, errors and slow requests", () => {
    expect(counts).toEqual({ total: 600, errors: 60, slow: 120, slowSeconds: 3 });
  });

  it("groups each family under its TYPE line, the way the text format requires", () => {
    const lines = exposition([{ counts, labels: 'pod="a"' }], [0.5, 2])
      .trimEnd()
      .split("\n");
    expect(lines[0]).toBe("# TYPE http_requests_total counter");
    const histogram = lines.indexOf("# TYPE http_request_duration_seconds histogram");
    expect(lines.slice(1, histogram).every((line) => line.startsWith("http_requests_total{"))).toBe(true);
    expect(lines.slice(histogram + 1).every((line) => line.startsWith("http_request_duration_seconds_"))).toBe(true);
  });

  it('writes bucket bounds as client libraries do (le="2"), slow requests only in the buckets above them', () => {
    const text = exposition([{ counts, labels: "" }], [0.5, 2, 5]);
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.5"} 480');
    expect(text).toContain('http_request_duration_seconds_bucket{le="2"} 480');
    expect(text).toContain('http_request_duration_seconds_bucket{le="5"} 600');
    expect(text).toContain('http_request_duration_seconds_bucket{le="+Inf"} 600');
    expect(text).toContain("http_request_duration_seconds_count 600");
  });

  it("has no 5xx series for a healthy release (a status code's series appears with its first request)", () => {
    const healthy = countsOver({ rps: 10, errorShare: 0, slowShare: 0, slowSeconds: 3 }, 60);
    const text = exposition([{ counts: healthy, labels: 'pod="a"' }], [2]);
    expect(text).toContain('http_requests_total{pod="a",code="200"} 600');
    expect(text).not.toContain('code="500"');
  });

  it("serves nothing for a release that does not run", () => {
    expect(scenarioExposition(null, [2], 60)).toBe("");
  });
});
