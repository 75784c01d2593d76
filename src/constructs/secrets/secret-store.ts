import type { Construct } from "constructs";
import {
  SecretStore,
  SecretStoreSpecProviderAwsService,
  SecretStoreSpecProviderAwsSessionTagsPolicy,
} from "../../../imports/external-secrets-secretstores-external-secrets.io";
import { SYNC_WAVE, syncWave } from "../meta/sync-wave";

export interface AwsSecretStoreProps {
  readonly name: string;
  readonly region: string;
  /** Whose IRSA role reads the secrets: External Secrets requests a token for this ServiceAccount. */
  readonly serviceAccountName: string;
  readonly labels: Record<string, string>;
}

/** AWS Secrets Manager through a ServiceAccount's IRSA role; no static credentials anywhere. */
export class AwsSecretStore extends SecretStore {
  constructor(scope: Construct, id: string, props: AwsSecretStoreProps) {
    super(scope, id, {
      metadata: { name: props.name, labels: props.labels, annotations: syncWave(SYNC_WAVE.prerequisites) },
      spec: {
        provider: {
          aws: {
            service: SecretStoreSpecProviderAwsService.SECRETS_MANAGER,
            region: props.region,
            // The operator's default, written out so Argo CD sees no drift.
            sessionTagsPolicy: SecretStoreSpecProviderAwsSessionTagsPolicy.NONE,
            auth: { jwt: { serviceAccountRef: { name: props.serviceAccountName } } },
          },
        },
      },
    });
  }
}
