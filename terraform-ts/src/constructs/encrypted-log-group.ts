import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";

/** A year covers audits and incident look-backs; shorter loses evidence. */
export const LOG_RETENTION_DAYS = 365;

export interface EncryptedLogGroupProps {
  readonly name: string;
  readonly kmsKeyArn: string;
}

/** CloudWatch log group encrypted with the env's logs key and kept for a year. */
export class EncryptedLogGroup extends Construct {
  public readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: EncryptedLogGroupProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, "group", {
      name: props.name,
      retentionInDays: LOG_RETENTION_DAYS,
      kmsKeyId: props.kmsKeyArn,
    });
  }
}
