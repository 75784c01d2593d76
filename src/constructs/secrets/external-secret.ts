import type { Construct } from "constructs";
import {
  ExternalSecret,
  ExternalSecretSpecDataRemoteRefConversionStrategy,
  ExternalSecretSpecDataRemoteRefDecodingStrategy,
  ExternalSecretSpecDataRemoteRefMetadataPolicy,
  ExternalSecretSpecRefreshPolicy,
  ExternalSecretSpecSecretStoreRefKind,
  ExternalSecretSpecTargetCreationPolicy,
  ExternalSecretSpecTargetDeletionPolicy,
} from "../../../imports/external-secrets-externalsecrets-external-secrets.io";
import { SYNC_WAVE, syncWave } from "../meta/sync-wave";

export interface SyncedSecretProps {
  /** Name of the ExternalSecret and of the Kubernetes Secret it writes. */
  readonly name: string;
  readonly storeName: string;
  /** The Secrets Manager secret (a JSON object) to read. */
  readonly remoteKey: string;
  /** Kubernetes Secret key → property of the remote JSON secret. */
  readonly keys: Readonly<Record<string, string>>;
  readonly labels: Record<string, string>;
}

/**
 * A Kubernetes Secret kept in sync with one Secrets Manager secret. Every
 * field the operator would default is written out, so the live object equals
 * the rendered one and Argo CD shows no perpetual diff.
 */
export class SyncedSecret extends ExternalSecret {
  constructor(scope: Construct, id: string, props: SyncedSecretProps) {
    super(scope, id, {
      metadata: { name: props.name, labels: props.labels, annotations: syncWave(SYNC_WAVE.prerequisites) },
      spec: {
        refreshInterval: "1h0m0s",
        refreshPolicy: ExternalSecretSpecRefreshPolicy.PERIODIC,
        secretStoreRef: { kind: ExternalSecretSpecSecretStoreRefKind.SECRET_STORE, name: props.storeName },
        target: {
          name: props.name,
          creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER,
          deletionPolicy: ExternalSecretSpecTargetDeletionPolicy.RETAIN,
        },
        data: Object.entries(props.keys).map(([secretKey, property]) => ({
          secretKey,
          remoteRef: {
            key: props.remoteKey,
            property,
            conversionStrategy: ExternalSecretSpecDataRemoteRefConversionStrategy.DEFAULT,
            decodingStrategy: ExternalSecretSpecDataRemoteRefDecodingStrategy.NONE,
            metadataPolicy: ExternalSecretSpecDataRemoteRefMetadataPolicy.NONE,
          },
        })),
      },
    });
  }
}
