import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { Construct } from "constructs";
import { envSecretName } from "../config/naming";
import type { EnvConfig } from "../config/types";

export interface AppSecretsProps {
  readonly env: EnvConfig;
  readonly keyArn: string;
  /** Key in the DR region that encrypts the replicas. */
  readonly drKeyArn: string;
}

/**
 * The secrets' containers only. Values are put by an operator (README), so
 * they never pass through code, CI or Terraform state.
 */
export class AppSecrets extends Construct {
  /** The website's database identity: reads and writes data, no DDL. */
  public readonly database: SecretsmanagerSecret;
  /** The migrator's: owns the schema. */
  public readonly databaseMigrator: SecretsmanagerSecret;
  /** The backup's: reads only. */
  public readonly databaseBackup: SecretsmanagerSecret;
  public readonly redis: SecretsmanagerSecret;
  public readonly backupGpgPublicKey: SecretsmanagerSecret;
  public readonly backupGpgPrivateKey: SecretsmanagerSecret;
  public readonly alerting: SecretsmanagerSecret;
  public readonly keyArn: string;

  constructor(scope: Construct, id: string, props: AppSecretsProps) {
    super(scope, id);
    this.keyArn = props.keyArn;
    // Secrets Manager keeps each replica in sync with the primary, encrypted with the DR region's own key.
    const inDrRegion = [{ region: props.env.drRegion, kmsKeyId: props.drKeyArn }];
    const secret = (what: string, description: string, replica?: typeof inDrRegion) =>
      new SecretsmanagerSecret(this, what, {
        name: envSecretName(props.env, what),
        description,
        kmsKeyId: props.keyArn,
        // A deleted secret stays recoverable for the maximum window.
        recoveryWindowInDays: 30,
        replica,
      });
    // The backups are copied to the DR region; restoring them there, with us-east-1 down, needs the
    // database credentials and the GPG private key in that region too.
    // One database identity per secret (docs/runbooks/database-roles.md creates the roles): the website
    // reads and writes data, the migrator owns the schema, the backup reads. The migrator travels to the
    // DR region with the website's: a restored database there needs its migrations and its app.
    this.database = secret("database", "Website PostgreSQL role: data read/write, no DDL", inDrRegion);
    this.databaseMigrator = secret("database-migrator", "Migrator PostgreSQL role: owns the schema (DDL)", inDrRegion);
    this.databaseBackup = secret("database-backup", "Backup PostgreSQL role: read-only (pg_read_all_data)");
    this.redis = secret("redis", "Application Redis connection (host, auth token)");
    this.backupGpgPublicKey = secret("backup-gpg-public-key", "GPG public key that encrypts database backups");
    this.backupGpgPrivateKey = secret(
      "backup-gpg-private-key",
      "GPG private key for restore drills and DR restores",
      inDrRegion,
    );
    this.alerting = secret("alerting", "Alertmanager receivers: pager routing key, chat webhook URL");
  }
}
