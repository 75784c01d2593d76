import type { ContainerBudget } from "./container-budget";
import type { HardenedInitContainer, ScratchMount, ScratchVolume } from "./hardened-job";

/** The curl image's own unprivileged user (curl_user). */
const CURL_USER = 100;
const VOLUME = "rds-ca";
const DIRECTORY = "/rds-ca";
export const RDS_CA_FILE = `${DIRECTORY}/rds-ca-bundle.pem`;

/** One PEM file of a few dozen certificates. */
const FETCH_BUDGET: ContainerBudget = {
  cpuRequestMillis: 20,
  cpuLimitMillis: 200,
  memoryRequestMebibytes: 32,
  memoryLimitMebibytes: 64,
  storageRequestMebibytes: 16,
  storageLimitMebibytes: 512,
};

/**
 * AWS publishes each region's RDS certificate authorities at a fixed HTTPS address (RDS user guide,
 * "Using SSL/TLS to encrypt a connection to a DB instance": certificate bundles by AWS Region). The
 * region's bundle, not the global one: only the CAs that can sign this region's servers are trusted.
 */
export function rdsCaBundleUrl(region: string): string {
  return `https://truststore.pki.rds.amazonaws.com/${region}/${region}-bundle.pem`;
}

/**
 * Fetched when the pod starts, over HTTPS verified by the image's public CA store, rather than
 * committed or baked: neither the website image nor the tools image is built in this repo, AWS adds
 * CAs to the bundle ahead of each rotation, and a fetch that fails (or returns no certificate)
 * fails the job before it connects, loudly. The pod already has HTTPS egress for S3 and STS.
 */
const FETCH_SCRIPT = `set -eu
curl --fail --silent --show-error --proto =https --tlsv1.2 --retry 3 --max-time 60 --output "$CA_FILE" "$CA_URL"
grep -q 'BEGIN CERTIFICATE' "$CA_FILE"
echo "RDS CA bundle: $(grep -c 'BEGIN CERTIFICATE' "$CA_FILE") certificates from $CA_URL"
`;

export interface RdsCaProps {
  readonly region: string;
  readonly fetchImage: string;
}

/** What a job needs to connect with `verify-full`: the volume, the fetch before it, and the mount. */
export function rdsCaBundle(props: RdsCaProps): {
  volume: ScratchVolume;
  init: HardenedInitContainer;
  mount: ScratchMount;
} {
  return {
    volume: { name: VOLUME, sizeMebibytes: 1 },
    init: {
      name: "fetch-rds-ca",
      image: props.fetchImage,
      command: ["/bin/sh", "-c", FETCH_SCRIPT],
      env: { CA_URL: rdsCaBundleUrl(props.region), CA_FILE: RDS_CA_FILE },
      user: CURL_USER,
      budget: FETCH_BUDGET,
      mounts: [{ volume: VOLUME, path: DIRECTORY }],
      sidecar: false,
    },
    mount: { volume: VOLUME, path: DIRECTORY, readOnly: true },
  };
}

/**
 * libpq verifies the server's chain and host name against the bundle (`verify-full`, PGSSLROOTCERT);
 * node-postgres maps any PGSSLMODE other than disable/no-verify to `ssl: true`, which Node verifies
 * against its CA store (pg/lib/connection-parameters.js, readSSLConfigFromEnvironment), so Node gets
 * the bundle through NODE_EXTRA_CA_CERTS.
 */
export const VERIFY_FULL_ENV = {
  PGSSLMODE: "verify-full",
  PGSSLROOTCERT: RDS_CA_FILE,
  NODE_EXTRA_CA_CERTS: RDS_CA_FILE,
} as const;
