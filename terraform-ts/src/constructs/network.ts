import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Construct } from "constructs";
import { envResourceName } from "../config/naming";
import type { AvailabilityZones, EnvConfig, SubnetCidrs } from "../config/types";
import { EncryptedLogGroup } from "./encrypted-log-group";
import { VpcEndpoints } from "./vpc-endpoints";

/** Subnet discovery tags of the AWS Load Balancer Controller: internet-facing and internal ALBs. */
export const ALB_SUBNET_TAGS = { "kubernetes.io/role/elb": "1", "kubernetes.io/role/internal-elb": "1" } as const;

export interface NetworkProps {
  readonly env: EnvConfig;
  readonly logsKeyArn: string;
}

/**
 * Three tiers over three AZs: public (load balancers, NAT), private (EKS
 * nodes, egress through NAT) and data (RDS, Redis, no internet route).
 */
export class Network extends Construct {
  public readonly vpc: Vpc;
  public readonly publicSubnets: Subnet[];
  public readonly privateSubnets: Subnet[];
  public readonly dataSubnets: Subnet[];
  public readonly natGateways: NatGateway[];
  private readonly clusterName: string;
  private readonly availabilityZones: AvailabilityZones;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { env } = props;
    const clusterName = envResourceName(env);
    this.clusterName = clusterName;
    this.availabilityZones = env.availabilityZones;

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: env.network.vpcCidr,
      // Interface endpoints with private DNS and EKS node registration both need these.
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: clusterName },
    });
    // The default security group allows all traffic between its members; empty it so nothing relies on it.
    new DefaultSecurityGroup(this, "default-sg", { vpcId: this.vpc.id, ingress: [], egress: [] });

    // The load balancer controller finds its subnets by these role tags. Both ALBs go to the public subnets,
    // the internal one too (it gets private addresses only, whatever the subnet's route): no node or pod runs
    // there, so the pods' NetworkPolicy can admit the load balancers' subnets without admitting every pod.
    this.publicSubnets = this.subnets("public", env.network.publicSubnetCidrs, ALB_SUBNET_TAGS);
    this.privateSubnets = this.subnets("private", env.network.privateSubnetCidrs, {});
    this.dataSubnets = this.subnets("data", env.network.dataSubnetCidrs, {});

    const internetGateway = new InternetGateway(this, "igw", { vpcId: this.vpc.id, tags: { Name: clusterName } });
    const publicRoutes = new RouteTable(this, "public-routes", {
      vpcId: this.vpc.id,
      route: [{ cidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id }],
      tags: { Name: `${clusterName}-public` },
    });
    this.publicSubnets.forEach((subnet, index) => {
      new RouteTableAssociation(this, `public-routes-${index}`, { subnetId: subnet.id, routeTableId: publicRoutes.id });
    });

    const natCount = env.network.natGateways === "per-az" ? env.availabilityZones.length : 1;
    this.natGateways = this.publicSubnets.slice(0, natCount).map((subnet, index) => {
      const address = new Eip(this, `nat-ip-${index}`, {
        domain: "vpc",
        tags: { Name: `${clusterName}-nat-${index}` },
      });
      return new NatGateway(this, `nat-${index}`, {
        allocationId: address.id,
        subnetId: subnet.id,
        tags: { Name: `${clusterName}-nat-${index}` },
        dependsOn: [internetGateway],
      });
    });

    // One route table per AZ, so with a NAT per AZ an AZ outage does not cut the others' egress.
    const privateRouteTables = this.privateSubnets.map((subnet, index) => {
      const nat = this.natGateways[index % natCount];
      const table = new RouteTable(this, `private-routes-${index}`, {
        vpcId: this.vpc.id,
        route: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }],
        tags: { Name: `${clusterName}-private-${index}` },
      });
      new RouteTableAssociation(this, `private-routes-assoc-${index}`, { subnetId: subnet.id, routeTableId: table.id });
      return table;
    });

    // No default route: a compromised database host has no path out.
    const dataRoutes = new RouteTable(this, "data-routes", {
      vpcId: this.vpc.id,
      tags: { Name: `${clusterName}-data` },
    });
    this.dataSubnets.forEach((subnet, index) => {
      new RouteTableAssociation(this, `data-routes-${index}`, { subnetId: subnet.id, routeTableId: dataRoutes.id });
    });

    new VpcEndpoints(this, "endpoints", {
      env,
      vpc: this.vpc,
      interfaceSubnetIds: this.privateSubnets.map((subnet) => subnet.id),
      gatewayRouteTableIds: [...privateRouteTables.map((table) => table.id), dataRoutes.id],
    });

    this.flowLogs(env, props.logsKeyArn);
  }

  private subnets(tier: string, cidrs: SubnetCidrs, tags: Record<string, string>): Subnet[] {
    return cidrs.map(
      (cidrBlock, index) =>
        new Subnet(this, `${tier}-${index}`, {
          vpcId: this.vpc.id,
          cidrBlock,
          availabilityZone: this.availabilityZones[index],
          // Nothing gets a public IP by accident; internet-facing ALBs get theirs from AWS.
          mapPublicIpOnLaunch: false,
          tags: { Name: `${this.clusterName}-${tier}-${index}`, tier, ...tags },
        }),
    );
  }

  /** Every accepted and rejected flow, for incident response; the VPC has no other packet record. */
  private flowLogs(env: EnvConfig, logsKeyArn: string): void {
    const logGroup = new EncryptedLogGroup(this, "flow-log-group", {
      name: `/candlefish/${env.name}/vpc-flow-logs`,
      kmsKeyArn: logsKeyArn,
    });
    const trust = new DataAwsIamPolicyDocument(this, "flow-log-trust", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["vpc-flow-logs.amazonaws.com"] }],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [env.accountId] }],
        },
      ],
    });
    const role = new IamRole(this, "flow-log-role", {
      name: envResourceName(env, "vpc-flow-logs"),
      assumeRolePolicy: trust.json,
    });
    const write = new DataAwsIamPolicyDocument(this, "flow-log-write", {
      statement: [
        {
          actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          resources: [`${logGroup.logGroup.arn}:*`],
        },
      ],
    });
    new IamRolePolicy(this, "flow-log-policy", { role: role.id, policy: write.json });
    new FlowLog(this, "flow-log", {
      vpcId: this.vpc.id,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: logGroup.logGroup.arn,
      iamRoleArn: role.arn,
    });
  }
}
