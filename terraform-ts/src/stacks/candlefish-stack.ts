import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Backend, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { envResourceName } from "../config/naming";
import { publishedNodeFacts } from "../config/node-facts";
import type { EnvConfig } from "../config/types";
import { AlbOriginSecurityGroup } from "../constructs/alb-origin-security-group";
import { AppSecrets } from "../constructs/app-secrets";
import { MonthlyBudget, tagsFor } from "../constructs/budget";
import { Cdn } from "../constructs/cdn";
import { ClusterAdminAccess } from "../constructs/cluster-admin-access";
import { ContainerRegistry } from "../constructs/container-registry";
import { CostAllocationTags } from "../constructs/cost-allocation-tags";
import { Database } from "../constructs/database";
import { EdgeCertificate } from "../constructs/edge-certificate";
import { EksAddOns } from "../constructs/eks-add-ons";
import { KubernetesCluster } from "../constructs/eks-cluster";
import { EksNodeGroups } from "../constructs/eks-node-groups";
import { Network } from "../constructs/network";
import { PublishedOutputs } from "../constructs/published-outputs";
import { Redis } from "../constructs/redis";
import { ServiceAccountRoles } from "../constructs/service-account-roles";
import { Storage } from "../constructs/storage";
import { WebAcl } from "../constructs/web-acl";
import { EncryptionKeys } from "./encryption-keys";

/** Stack name, and the directory under cdktf.out/stacks/. */
export const stackName = (env: EnvConfig) => envResourceName(env);

/** Everything one environment runs on, from the VPC to the SSM hand-over. */
export class CandlefishStack extends TerraformStack {
  constructor(scope: Construct, env: EnvConfig) {
    super(scope, stackName(env));

    this.remoteState(env);
    // Every resource carries the cost and ownership tags, without each construct repeating them.
    const defaultTags = [{ tags: tagsFor(env) }];
    new AwsProvider(this, "aws", { region: env.region, allowedAccountIds: [env.accountId], defaultTags });
    const drProvider = new AwsProvider(this, "aws-dr", {
      alias: "dr",
      region: env.drRegion,
      allowedAccountIds: [env.accountId],
      defaultTags,
    });

    const keys = new EncryptionKeys(this, "keys", { env, drProvider });
    const network = new Network(this, "network", { env, logsKeyArn: keys.logs.arn });
    const privateSubnetIds = network.privateSubnets.map((subnet) => subnet.id);
    const dataSubnetIds = network.dataSubnets.map((subnet) => subnet.id);

    const cluster = new KubernetesCluster(this, "eks", {
      env,
      subnetIds: privateSubnetIds,
      secretsKeyArn: keys.kubernetesSecrets.arn,
      logsKeyArn: keys.logs.arn,
    });
    const nodes = new EksNodeGroups(this, "nodes", { env, cluster: cluster.cluster, subnetIds: privateSubnetIds });
    new EksAddOns(this, "eks-add-ons", { env, cluster, nodeGroups: nodes.nodeGroups });
    new ClusterAdminAccess(this, "eks-admin", { env, cluster: cluster.cluster });

    const secrets = new AppSecrets(this, "secrets", {
      env,
      keyArn: keys.appSecrets.arn,
      drKeyArn: keys.drAppSecrets.arn,
    });
    const dataTier = {
      env,
      vpcId: network.vpc.id,
      subnetIds: dataSubnetIds,
      clientCidrs: env.network.privateSubnetCidrs,
      keyArn: keys.data.arn,
    };
    new Database(this, "postgres", { ...dataTier, drKeyArn: keys.drBackups.arn, drProvider });
    new Redis(this, "redis", dataTier);

    const storage = new Storage(this, "storage", {
      env,
      assetsKeyArn: keys.assets.arn,
      backupsKeyArn: keys.backups.arn,
      drBackupsKeyArn: keys.drBackups.arn,
      drProvider,
    });
    if (env.storage.ownsContainerRegistry) {
      new ContainerRegistry(this, "ecr", { kmsKeyArn: keys.assets.arn });
    }

    const roles = new ServiceAccountRoles(this, "irsa", {
      env,
      cluster,
      secrets,
      backupBucketArn: storage.backups.arn,
      backupKeyArn: keys.backups.arn,
      vpcArn: network.vpc.arn,
    });

    const certificate = new EdgeCertificate(this, "certificate", { edge: env.edge });
    // Per viewer at the edge, where WAF sees the viewer's own address. The regional ACL sees only
    // CloudFront's edge addresses (the ALB accepts nothing else), so a per-IP limit there would count
    // many viewers as one and block them together; FORWARDED_IP would read X-Forwarded-For, which the client writes.
    const edgeAcl = new WebAcl(this, "waf-cloudfront", {
      name: envResourceName(env, "edge"),
      scope: "CLOUDFRONT",
      logsKeyArn: keys.logs.arn,
      rateLimitPerViewerPerFiveMinutes: env.edge.rateLimitPerFiveMinutes,
    });
    // Managed rule groups again behind CloudFront: a second look at what reaches the origin, no rate limit.
    const albAcl = new WebAcl(this, "waf-alb", {
      name: envResourceName(env, "alb"),
      scope: "REGIONAL",
      logsKeyArn: keys.logs.arn,
    });
    const albOrigin = new AlbOriginSecurityGroup(this, "alb-origin", { env, vpcId: network.vpc.id });
    new Cdn(this, "cdn", {
      env,
      certificateArn: certificate.certificateArn,
      zoneId: certificate.zoneId,
      webAclArn: edgeAcl.arn,
      logBucketDomainName: storage.logs.bucket.bucketDomainName,
    });

    new MonthlyBudget(this, "budget", { env });
    if (env.cost.activatesCostAllocationTags) {
      new CostAllocationTags(this, "cost-allocation-tags", { env });
    }

    const cidrsOf = (subnets: { cidrBlock: string }[]) => subnets.map((subnet) => subnet.cidrBlock);
    new PublishedOutputs(this, "outputs", {
      envName: env.name,
      values: {
        region: env.region,
        // The account the provider is pinned to (allowedAccountIds), so it is the one applied.
        "account-id": env.accountId,
        "eks/cluster-name": cluster.cluster.name,
        "eks/node-groups": publishedNodeFacts(env),
        "network/vpc-id": network.vpc.id,
        "network/vpc-cidr": network.vpc.cidrBlock,
        "network/public-subnet-cidrs": cidrsOf(network.publicSubnets),
        "network/private-subnet-cidrs": cidrsOf(network.privateSubnets),
        "network/data-subnet-cidrs": cidrsOf(network.dataSubnets),
        "network/alb-security-group-id": albOrigin.securityGroup.id,
        "edge/certificate-arn": certificate.certificateArn,
        "edge/alb-waf-acl-arn": albAcl.arn,
        "iam/workload-role-arns/website": roles.website.arn,
        "iam/addon-role-arns/external-secrets": roles.externalSecrets.arn,
        "iam/addon-role-arns/aws-load-balancer-controller": roles.loadBalancerController.arn,
        "iam/addon-role-arns/cluster-autoscaler": roles.clusterAutoscaler.arn,
        "iam/addon-role-arns/argo-rollouts": roles.argoRollouts.arn,
        "iam/db-migrate-role-arn": roles.dbMigrate.arn,
        "iam/db-ops-role-arn": roles.dbOps.arn,
        "iam/restore-drill-role-arn": roles.restoreDrill.arn,
        "storage/backup-bucket": storage.backups.name,
        "secrets/database": secrets.database.name,
        "secrets/database-migrator": secrets.databaseMigrator.name,
        "secrets/database-backup": secrets.databaseBackup.name,
        "secrets/redis": secrets.redis.name,
        "secrets/backup-gpg-public-key": secrets.backupGpgPublicKey.name,
        "secrets/backup-gpg-private-key": secrets.backupGpgPrivateKey.name,
        "secrets/alerting": secrets.alerting.name,
      },
    });
  }

  /** State per env in S3, locked with S3's native lockfile (Terraform ≥ 1.10), so no DynamoDB table. */
  private remoteState(env: EnvConfig): void {
    new S3Backend(this, {
      bucket: env.remoteState.bucket,
      key: env.remoteState.key,
      region: env.remoteState.region,
      encrypt: true,
    });
    this.addOverride("terraform.backend.s3.use_lockfile", true);
  }
}
