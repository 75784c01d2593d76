import { describe, expect, it } from "vitest";
import { configOf, find, manifestsOf } from "../support/fixtures";

describe("ALB Ingress", () => {
  const production = () => manifestsOf(configOf("production"));

  it("exposes the active Service on the env's domain through an internet-facing ALB", () => {
    const ingress = find(production(), "Ingress", "website");
    expect(ingress.spec.ingressClassName).toBe("alb");
    expect(ingress.spec.rules).toEqual([
      {
        host: "candlefish.ai",
        http: {
          paths: [
            { path: "/", pathType: "Prefix", backend: { service: { name: "website-active", port: { name: "http" } } } },
          ],
        },
      },
    ]);
  });

  it("terminates TLS 1.2+ with the ACM certificate and attaches the WAF", () => {
    const { annotations } = find(production(), "Ingress", "website").metadata;
    const infra = configOf("production").infra;
    expect(annotations).toMatchObject({
      "alb.ingress.kubernetes.io/scheme": "internet-facing",
      "alb.ingress.kubernetes.io/target-type": "ip",
      "alb.ingress.kubernetes.io/certificate-arn": infra.certificateArn,
      "alb.ingress.kubernetes.io/wafv2-acl-arn": infra.wafAclArn,
      "alb.ingress.kubernetes.io/ssl-policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
      "alb.ingress.kubernetes.io/healthcheck-path": "/api/health",
    });
  });

  it("accepts only CloudFront: its security group from terraform-ts, backend rules managed, HTTPS 443 only", () => {
    for (const env of ["staging", "production"]) {
      const { annotations } = find(manifestsOf(configOf(env)), "Ingress", "website").metadata;
      expect(annotations["alb.ingress.kubernetes.io/security-groups"]).toBe(configOf(env).infra.albSecurityGroupId);
      // Without it the controller adds no rule letting the ALB reach the pods once the frontend group is given.
      expect(annotations["alb.ingress.kubernetes.io/manage-backend-security-group-rules"]).toBe("true");
      // The group admits CloudFront on 443 only (the prefix list's weight leaves no room for port 80 in the quota).
      expect(JSON.parse(annotations["alb.ingress.kubernetes.io/listen-ports"])).toEqual([{ HTTPS: 443 }]);
      expect(annotations).not.toHaveProperty("alb.ingress.kubernetes.io/ssl-redirect");
    }
  });

  it("routes the preview host to the preview Service through an internal ALB only", () => {
    const preview = find(production(), "Ingress", "website-preview");
    expect(preview.metadata.annotations["alb.ingress.kubernetes.io/scheme"]).toBe("internal");
    expect(preview.metadata.annotations).not.toHaveProperty("alb.ingress.kubernetes.io/wafv2-acl-arn");
    expect(preview.metadata.annotations).not.toHaveProperty("alb.ingress.kubernetes.io/security-groups");
    expect(preview.metadata.annotations["alb.ingress.kubernetes.io/ssl-redirect"]).toBe("443");
    expect(preview.spec.rules[0].host).toBe("preview.candlefish.ai");
    expect(preview.spec.rules[0].http.paths[0].backend.service.name).toBe("website-preview");
  });

  it("renders no preview Ingress when the env sets no preview host", () => {
    const config = configOf("production");
    const manifests = manifestsOf({ ...config, ingress: { ...config.ingress, previewHost: undefined } });
    expect(manifests.filter((m) => m.kind === "Ingress").map((m) => m.metadata.name)).toEqual(["website"]);
  });
});
