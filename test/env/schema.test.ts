import { describe, expect, it } from "vitest";
import { EnvConfigError, parseEnvConfig } from "../../src/env";
import { inputOf, setAt } from "../support/fixtures";

/** GIVEN production's config with one field changed, WHEN it is parsed. */
function parseWith(path: string[], value: unknown) {
  const input = inputOf("production");
  setAt(input, path, value);
  return () => parseEnvConfig("production", input);
}

const website = (...path: string[]) => ["workloads", "website", ...path];

describe("env config validation", () => {
  it("accepts the committed staging and production configs", () => {
    expect(parseEnvConfig("staging", inputOf("staging")).workloads.website?.rollout.autoPromotionEnabled).toBe(true);
    expect(parseEnvConfig("production", inputOf("production")).workloads.website?.rollout.autoPromotionEnabled).toBe(
      false,
    );
  });

  it("reports the env, the field path, the rule and the value", () => {
    expect(parseWith(website("hpa", "minReplicas"), 2)).toThrow(
      "env production: workloads.website.hpa.minReplicas: must be at least pdb.minAvailable + 1 = 3, or a node drain can never evict a pod (got 2)",
    );
  });

  it("throws an EnvConfigError listing every problem, not just the first", () => {
    const input = inputOf("production");
    setAt(input, ["namespace"], "Not_A_Label");
    setAt(input, ["image", "tag"], "latest");
    try {
      parseEnvConfig("production", input);
      expect.unreachable("an invalid config must throw");
    } catch (error) {
      expect(error).toBeInstanceOf(EnvConfigError);
      expect((error as EnvConfigError).problems).toEqual([
        expect.stringContaining(
          "env production: namespace: must be a lower-case RFC 1123 label (a-z, 0-9, '-') (got \"Not_A_Label\")",
        ),
        expect.stringContaining("env production: image.tag: must pin a version: 'latest' is refused (got \"latest\")"),
      ]);
    }
  });

  describe("field rules", () => {
    it("refuses the latest tag", () => {
      expect(parseWith(["image", "tag"], "latest")).toThrow(/image\.tag: must pin a version.*\(got "latest"\)/);
    });
    it("refuses an image with neither tag nor digest", () => {
      expect(parseWith(["image", "tag"], undefined)).toThrow(/env production: image: needs a tag or a digest/);
    });
    it("refuses a malformed digest", () => {
      expect(parseWith(["image", "digest"], "sha256:abc")).toThrow(
        /image\.digest: must be sha256:<64 lower-case hex digits> \(got "sha256:abc"\)/,
      );
    });
    it("refuses an image repository that carries a tag", () => {
      expect(parseWith(["image", "repository"], "candlefish/website:v1")).toThrow(
        /image\.repository: must be an image repository/,
      );
    });
    it("refuses a namespace that is not a DNS label", () => {
      expect(parseWith(["namespace"], "Candlefish")).toThrow(
        /namespace: must be a lower-case RFC 1123 label.*\(got "Candlefish"\)/,
      );
    });
    it("refuses a domain that is not a host name", () => {
      expect(parseWith(["domain"], "https://candlefish.ai")).toThrow(/domain: must be a lower-case DNS host name/);
    });
    it("refuses a port outside 1-65535", () => {
      expect(parseWith(website("containerPort"), 70000)).toThrow(
        /workloads\.website\.containerPort: must be a port between 1 and 65535 \(got 70000\)/,
      );
    });
    it("refuses a metrics path that is not absolute", () => {
      expect(parseWith(website("metrics", "path"), "api/metrics")).toThrow(
        /metrics\.path: must be an absolute URL path/,
      );
    });
    it("refuses a malformed CPU quantity", () => {
      expect(parseWith(website("resources", "limits", "cpu"), "two")).toThrow(
        /resources\.limits\.cpu: must be a CPU quantity/,
      );
    });
    it("refuses a memory quantity outside Mi and Gi", () => {
      expect(parseWith(website("resources", "limits", "memory"), "1G")).toThrow(
        /resources\.limits\.memory: must be a memory quantity in Mi or Gi/,
      );
    });
    it("refuses a utilization target above 100 %", () => {
      expect(parseWith(website("hpa", "targetCpuUtilization"), 150)).toThrow(
        /hpa\.targetCpuUtilization: must be a percentage from 1 to 100 \(got 150\)/,
      );
    });
    it("refuses a scale-down delay under 30 s", () => {
      expect(parseWith(website("rollout", "scaleDownDelaySeconds"), 10)).toThrow(
        /rollout\.scaleDownDelaySeconds: must be at least 30/,
      );
    });
    it("refuses a revision history over 20", () => {
      expect(parseWith(website("rollout", "revisionHistoryLimit"), 50)).toThrow(
        /rollout\.revisionHistoryLimit: must be at most 20/,
      );
    });
    it("refuses an SLO ratio of 1 or more", () => {
      expect(parseWith(["slo", "availability"], 1)).toThrow(/slo\.availability: must be a ratio below 1 \(got 1\)/);
    });
    it("refuses a non-positive latency objective", () => {
      expect(parseWith(["slo", "latencyP95Seconds"], 0)).toThrow(/slo\.latencyP95Seconds: must be above 0 seconds/);
    });
    it("refuses a repeated zone", () => {
      expect(parseWith(["topology", "zones"], ["us-east-1a", "us-east-1a", "us-east-1b"])).toThrow(
        /topology\.zones: must not repeat a zone/,
      );
    });
    it("refuses a zone that is not an AWS availability zone", () => {
      expect(parseWith(["topology", "zones"], ["zone-a"])).toThrow(
        /topology\.zones\.0: must be an AWS availability zone/,
      );
    });
    it("refuses an env without workloads", () => {
      expect(parseWith(["workloads"], {})).toThrow(/workloads: must declare at least one workload/);
    });
    it("refuses a workload name that is not a DNS label", () => {
      const input = inputOf("production");
      const workloads = input.workloads as Record<string, unknown>;
      workloads.Website = workloads.website;
      expect(() => parseEnvConfig("production", input)).toThrow(
        /workloads\.Website: key must be a lower-case RFC 1123 label.*\(got "Website"\)/,
      );
    });
    it("refuses an unknown key, so a typo never goes unnoticed", () => {
      expect(parseWith(website("hpa", "minReplica"), 3)).toThrow(
        /workloads\.website\.hpa: Unrecognized key: "minReplica"/,
      );
    });
    it("refuses a value of the wrong type", () => {
      expect(parseWith(website("pdb", "minAvailable"), "2")).toThrow(
        /pdb\.minAvailable: .*expected number.*\(got "2"\)/,
      );
    });
    it("refuses a config whose name differs from its env key", () => {
      expect(parseWith(["name"], "staging")).toThrow(
        /env production: name: must equal the env's key "production" \(got "staging"\)/,
      );
    });
  });

  describe("cross-field rules", () => {
    it("requires hpa.minReplicas >= pdb.minAvailable + 1", () => {
      expect(parseWith(website("pdb", "minAvailable"), 3)).toThrow(
        /hpa\.minReplicas: must be at least pdb\.minAvailable \+ 1 = 4.*\(got 3\)/,
      );
    });
    it("requires hpa.maxReplicas >= hpa.minReplicas", () => {
      expect(parseWith(website("hpa", "maxReplicas"), 2)).toThrow(
        /hpa\.maxReplicas: must be at least hpa\.minReplicas = 3 \(got 2\)/,
      );
    });
    it("requires hpa.minReplicas >= the number of zones", () => {
      const input = inputOf("production");
      setAt(input, ["topology", "zones"], ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"]);
      expect(() => parseEnvConfig("production", input)).toThrow(
        /hpa\.minReplicas: must be at least the number of topology\.zones = 4.*\(got 3\)/,
      );
    });
    it("requires previewReplicaCount <= hpa.maxReplicas", () => {
      expect(parseWith(website("rollout", "previewReplicaCount"), 21)).toThrow(
        /rollout\.previewReplicaCount: must be at most hpa\.maxReplicas = 20 \(got 21\)/,
      );
    });
    it("requires the metrics port to differ from the container port", () => {
      expect(parseWith(website("metrics", "port"), 3000)).toThrow(
        /metrics\.port: must differ from containerPort = 3000.*\(got 3000\)/,
      );
    });
    it("requires the CPU request to fit the limit", () => {
      expect(parseWith(website("resources", "requests", "cpu"), "1500m")).toThrow(
        /resources\.requests\.cpu: must be at most resources\.limits\.cpu = 1 \(got "1500m"\)/,
      );
    });
    it("requires the memory request to fit the limit", () => {
      expect(parseWith(website("resources", "requests", "memory"), "2Gi")).toThrow(
        /resources\.requests\.memory: must be at most resources\.limits\.memory = 1Gi \(got "2Gi"\)/,
      );
    });
  });
});

describe("release-gate rules", () => {
  const analysis = (...path: string[]) => website("analysis", ...path);

  it("requires failureLimit below count, or the gate can never fail", () => {
    expect(parseWith(analysis("postPromotion", "failureLimit"), 5)).toThrow(
      /analysis\.postPromotion\.failureLimit: must be below analysis\.postPromotion\.count = 5, or the gate can never fail \(got 5\)/,
    );
  });
  it("requires the scale-down delay to outlast the post-promotion analysis", () => {
    expect(parseWith(website("rollout", "scaleDownDelaySeconds"), 300)).toThrow(
      /rollout\.scaleDownDelaySeconds: must exceed the post-promotion analysis \(initialDelay \+ interval × count = 360 s\).*\(got 300\)/,
    );
  });
  it("requires the latency histogram to have a bound at the p95 objective", () => {
    expect(parseWith(website("metrics", "latencyBuckets"), [0.5, 1, 2.5, 5])).toThrow(
      /metrics\.latencyBuckets: must contain slo\.latencyP95Seconds = 2 and a larger bound/,
    );
  });
  it("requires a finite histogram bound above the p95 objective", () => {
    expect(parseWith(website("metrics", "latencyBuckets"), [0.5, 1, 2])).toThrow(
      /metrics\.latencyBuckets: must contain/,
    );
  });
  it("requires ascending histogram bounds", () => {
    expect(parseWith(website("metrics", "latencyBuckets"), [1, 0.5, 2, 5])).toThrow(
      /metrics\.latencyBuckets: must be strictly ascending/,
    );
  });
  it("refuses a gate error rate looser than the availability objective", () => {
    expect(parseWith(["slo", "errorRate"], 0.01)).toThrow(
      /slo\.errorRate: must be at most 1 - slo\.availability = 0\.001, or releases spend more than the error budget \(got 0\.01\)/,
    );
  });
  it("refuses a Prometheus address that is not an http(s) URL", () => {
    expect(parseWith(["prometheus", "address"], "prometheus:9090")).toThrow(
      /prometheus\.address: must be an http\(s\) URL/,
    );
  });
  it("refuses a smoke test of fewer than 10 requests", () => {
    expect(parseWith(analysis("prePromotion", "smokeRequests"), 5)).toThrow(/smokeRequests: must be at least 10/);
  });
  it("refuses a measurement interval under 10 s", () => {
    expect(parseWith(analysis("postPromotion", "intervalSeconds"), 5)).toThrow(
      /intervalSeconds: must be at least 10 seconds/,
    );
  });
  it("refuses a rate window under 60 s", () => {
    expect(parseWith(analysis("rateWindowSeconds"), 30)).toThrow(/rateWindowSeconds: must be at least 60 seconds/);
  });
});

describe("infra outputs and operations rules", () => {
  it("refuses a subnet that is not a CIDR", () => {
    expect(parseWith(["infra", "dataSubnetCidrs"], ["10.0.20.0"])).toThrow(
      /infra\.dataSubnetCidrs\.0: must be an IPv4 CIDR/,
    );
  });
  it("refuses a CIDR with an octet over 255", () => {
    expect(parseWith(["infra", "vpcCidr"], "10.0.300.0/16")).toThrow(/infra\.vpcCidr: must have octets up to 255/);
  });
  it("refuses a certificate ARN of another service", () => {
    expect(parseWith(["infra", "certificateArn"], "arn:aws:iam::123456789012:role/x")).toThrow(
      /infra\.certificateArn: must be an ARN of the form arn:aws:acm/,
    );
  });
  it("requires an IRSA role for every workload", () => {
    expect(parseWith(["infra", "workloadRoleArns"], {})).toThrow(
      /infra\.workloadRoleArns\.website: must hold an IRSA role ARN for workload "website"/,
    );
  });
  it("refuses a cron schedule without five fields", () => {
    expect(parseWith(["database", "backupSchedule"], "daily")).toThrow(
      /database\.backupSchedule: must be a five-field cron/,
    );
  });
  it("refuses a restore drill check that is not a SELECT", () => {
    expect(parseWith(["database", "restoreDrill", "checkQuery"], "DROP TABLE users")).toThrow(
      /database\.restoreDrill\.checkQuery: must be a SELECT statement/,
    );
  });
  it("refuses a restore drill without a recovery time objective", () => {
    expect(parseWith(["database", "restoreDrill", "recoveryTimeObjectiveMinutes"], 0)).toThrow(
      /database\.restoreDrill\.recoveryTimeObjectiveMinutes: must be at least 1 minute \(got 0\)/,
    );
  });
  it("refuses a restore drill interval under a day", () => {
    expect(parseWith(["database", "restoreDrill", "maxDaysBetweenDrills"], 0)).toThrow(
      /database\.restoreDrill\.maxDaysBetweenDrills: must be at least 1 day \(got 0\)/,
    );
  });
  it("refuses a restore drill scratch volume outside Mi and Gi", () => {
    expect(parseWith(["database", "restoreDrill", "scratchStorage"], "20G")).toThrow(
      /database\.restoreDrill\.scratchStorage: must be an ephemeral-storage quantity in Mi or Gi/,
    );
  });
  it("refuses an ephemeral-storage quantity outside Mi and Gi", () => {
    expect(parseWith(website("resources", "limits", "ephemeralStorage"), "1G")).toThrow(
      /resources\.limits\.ephemeralStorage: must be an ephemeral-storage quantity in Mi or Gi/,
    );
  });
  it("requires the website's ephemeral-storage request to fit its limit", () => {
    expect(parseWith(website("resources", "requests", "ephemeralStorage"), "2Gi")).toThrow(
      /resources\.requests\.ephemeralStorage: must be at most resources\.limits\.ephemeralStorage = 1Gi \(got "2Gi"\)/,
    );
  });
  it("requires the website's ephemeral-storage limit to hold its /tmp volume", () => {
    expect(parseWith(website("resources", "limits", "ephemeralStorage"), "128Mi")).toThrow(
      /resources\.limits\.ephemeralStorage: must be at least the 256Mi \/tmp volume every container mounts \(got "128Mi"\)/,
    );
  });
  it("requires the backup's ephemeral-storage request to fit its limit", () => {
    expect(parseWith(["database", "backupStorage", "request"], "2Gi")).toThrow(
      /database\.backupStorage\.request: must be at most database\.backupStorage\.limit = 1Gi \(got "2Gi"\)/,
    );
  });
  it("requires the backup's ephemeral-storage limit to hold its /tmp volume", () => {
    expect(parseWith(["database", "backupStorage", "limit"], "200Mi")).toThrow(
      /database\.backupStorage\.limit: must be at least the 256Mi \/tmp volume every container mounts \(got "200Mi"\)/,
    );
  });
  it("refuses a TLS policy that allows TLS 1.0 or 1.1", () => {
    expect(parseWith(["ingress", "sslPolicy"], "ELBSecurityPolicy-2016-08")).toThrow(
      /ingress\.sslPolicy: must be an ELBSecurityPolicy-TLS13-1-2 policy/,
    );
  });
  it("refuses a deregistration delay outside the ALB's 0-3600 s range", () => {
    expect(parseWith(["ingress", "deregistrationDelaySeconds"], 3601)).toThrow(
      /ingress\.deregistrationDelaySeconds: must be at most 3600 \(the ALB's range is 0-3600 s\)/,
    );
  });
  it("refuses a negative deregistration delay", () => {
    expect(parseWith(["ingress", "deregistrationDelaySeconds"], -1)).toThrow(
      /ingress\.deregistrationDelaySeconds: must be at least 0/,
    );
  });
  it("refuses a fractional deregistration delay", () => {
    expect(parseWith(["ingress", "deregistrationDelaySeconds"], 1.5)).toThrow(
      /ingress\.deregistrationDelaySeconds: must be a whole number of seconds/,
    );
  });
  it("refuses an empty migration command", () => {
    expect(parseWith(["database", "migrationCommand"], [])).toThrow(/database\.migrationCommand: must name a command/);
  });
});
