import { CreateHostedZoneCommand, Route53Client } from "@aws-sdk/client-route-53";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { MOTO_ENV } from "../../../harness/moto";
import type { EnvConfig } from "../../src/config/types";

/**
 * Seeds moto with what the AWS account holds BEFORE this stack exists, and nothing else: whatever the
 * stack creates must come from `terraform apply`. Each item is one the README's "Before the first apply"
 * asks an operator for (or the domain registration brings).
 */
export async function seedAccountBeforeStack(endpoint: string, env: EnvConfig): Promise<void> {
  const client = {
    endpoint,
    region: env.region,
    credentials: { accessKeyId: MOTO_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: MOTO_ENV.AWS_SECRET_ACCESS_KEY },
  };

  // The public hosted zone of the domain: it comes with the domain registration, and the stack looks it
  // up (edge.hostedZone.mode "lookup") to put the ACM validation and alias records into it.
  if (env.edge.hostedZone.mode === "lookup") {
    const route53 = new Route53Client(client);
    await route53.send(
      new CreateHostedZoneCommand({ Name: env.edge.hostedZone.name, CallerReference: `engine-test-${env.name}` }),
    );
    route53.destroy();
  }

  // The Redis AUTH token, created out of band so it never appears in code (README step 2); the stack reads
  // it with a data source at plan time. An obviously fake value: moto never checks it.
  const secrets = new SecretsManagerClient(client);
  await secrets.send(
    new CreateSecretCommand({
      Name: env.redis.authTokenSecretName,
      SecretString: "not-a-real-token-engine-test-0000",
    }),
  );
  secrets.destroy();
}
