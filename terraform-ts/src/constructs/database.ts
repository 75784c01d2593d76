import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbInstanceAutomatedBackupsReplication } from "@cdktf/provider-aws/lib/db-instance-automated-backups-replication";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Construct } from "constructs";
import { envResourceName } from "../config/naming";
import type { EnvConfig } from "../config/types";

const POSTGRES_PORT = 5432;

export interface DatabaseProps {
  readonly env: EnvConfig;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  /** Who may connect: the private (node) subnets. */
  readonly clientCidrs: readonly string[];
  readonly keyArn: string;
  /** Key in the DR region for the replicated automated backups. */
  readonly drKeyArn: string;
  readonly drProvider: AwsProvider;
}

/** PostgreSQL for the website: Multi-AZ, encrypted, TLS only, with PITR copied to a second region. */
export class Database extends Construct {
  public readonly instance: DbInstance;
  public readonly parameterGroup: DbParameterGroup;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { env } = props;
    const name = envResourceName(env);

    const subnetGroup = new DbSubnetGroup(this, "subnets", { name, subnetIds: [...props.subnetIds] });
    const securityGroup = new SecurityGroup(this, "sg", {
      name: envResourceName(env, "postgres"),
      description: "PostgreSQL from the EKS node subnets only",
      vpcId: props.vpcId,
      ingress: [
        {
          description: "PostgreSQL from the private subnets",
          protocol: "tcp",
          fromPort: POSTGRES_PORT,
          toPort: POSTGRES_PORT,
          cidrBlocks: [...props.clientCidrs],
        },
      ],
    });

    this.parameterGroup = new DbParameterGroup(this, "parameters", {
      name: envResourceName(env, "postgres"),
      family: env.database.parameterGroupFamily,
      parameter: [
        // Refuse unencrypted connections at the server, whatever a client asks for.
        { name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" },
        // Slow and DDL statements go to the exported log for audits and tuning.
        { name: "log_min_duration_statement", value: "1000" },
        { name: "log_statement", value: "ddl" },
        { name: "log_connections", value: "1" },
      ],
    });

    const monitoringRole = this.monitoringRole(env);

    this.instance = new DbInstance(this, "instance", {
      identifier: name,
      engine: "postgres",
      engineVersion: env.database.engineVersion,
      autoMinorVersionUpgrade: true,
      instanceClass: env.database.instanceClass,
      storageType: "gp3",
      allocatedStorage: env.database.allocatedStorageGb,
      maxAllocatedStorage: env.database.maxAllocatedStorageGb,
      storageEncrypted: true,
      kmsKeyId: props.keyArn,
      multiAz: true,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [securityGroup.id],
      publiclyAccessible: false,
      parameterGroupName: this.parameterGroup.name,
      username: "candlefish_admin",
      // RDS generates and rotates the master password in Secrets Manager; it never exists in code or state.
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.keyArn,
      iamDatabaseAuthenticationEnabled: true,
      backupRetentionPeriod: env.database.backupRetentionDays,
      backupWindow: "03:00-04:00",
      maintenanceWindow: "sun:04:30-sun:05:30",
      copyTagsToSnapshot: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${name}-final`,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.keyArn,
      performanceInsightsRetentionPeriod: 7,
      monitoringInterval: 60,
      monitoringRoleArn: monitoringRole.arn,
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
    });

    // PITR survives the loss of the primary region: automated backups and WAL are copied to the DR region.
    new DbInstanceAutomatedBackupsReplication(this, "dr-backups", {
      provider: props.drProvider,
      sourceDbInstanceArn: this.instance.arn,
      kmsKeyId: props.drKeyArn,
      retentionPeriod: env.database.backupRetentionDays,
    });
  }

  /** OS-level metrics (Enhanced Monitoring) need a role RDS can assume. */
  private monitoringRole(env: EnvConfig): IamRole {
    const trust = new DataAwsIamPolicyDocument(this, "monitoring-trust", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["monitoring.rds.amazonaws.com"] }],
        },
      ],
    });
    const role = new IamRole(this, "monitoring-role", {
      name: envResourceName(env, "rds-monitoring"),
      assumeRolePolicy: trust.json,
    });
    new IamRolePolicyAttachment(this, "monitoring-policy", {
      role: role.name,
      policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    });
    return role;
  }
}
