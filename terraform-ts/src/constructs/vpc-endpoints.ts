import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import type { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Construct } from "constructs";
import { envResourceName } from "../config/naming";
import type { EnvConfig } from "../config/types";

/**
 * AWS APIs the nodes call all the time: image pulls (ECR + the S3 layer
 * store), secrets and parameters. Private endpoints keep that traffic off
 * the NAT (cheaper) and off the internet (no egress needed for it).
 */
export const INTERFACE_ENDPOINT_SERVICES = ["ecr.api", "ecr.dkr", "secretsmanager", "ssm"] as const;

export interface VpcEndpointsProps {
  readonly env: EnvConfig;
  readonly vpc: Vpc;
  readonly interfaceSubnetIds: readonly string[];
  readonly gatewayRouteTableIds: readonly string[];
}

export class VpcEndpoints extends Construct {
  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const { env, vpc } = props;

    // Gateway endpoints are free; the data tier gets it too so backups reach S3 without a NAT.
    new VpcEndpoint(this, "s3", {
      vpcId: vpc.id,
      serviceName: `com.amazonaws.${env.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: [...props.gatewayRouteTableIds],
      tags: { Name: envResourceName(env, "s3") },
    });

    const endpointSecurityGroup = new SecurityGroup(this, "sg", {
      name: envResourceName(env, "vpc-endpoints"),
      description: "HTTPS from inside the VPC to the interface endpoints",
      vpcId: vpc.id,
      ingress: [
        {
          description: "HTTPS from the VPC",
          protocol: "tcp",
          fromPort: 443,
          toPort: 443,
          cidrBlocks: [env.network.vpcCidr],
        },
      ],
    });

    for (const service of INTERFACE_ENDPOINT_SERVICES) {
      new VpcEndpoint(this, service.replace(".", "-"), {
        vpcId: vpc.id,
        serviceName: `com.amazonaws.${env.region}.${service}`,
        vpcEndpointType: "Interface",
        subnetIds: [...props.interfaceSubnetIds],
        securityGroupIds: [endpointSecurityGroup.id],
        // The SDKs keep their default hostnames and still resolve to the private addresses.
        privateDnsEnabled: true,
        tags: { Name: envResourceName(env, service) },
      });
    }
  }
}
