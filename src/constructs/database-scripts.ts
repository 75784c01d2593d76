/**
 * Shell run by the database jobs in the tools image (bash, libpq tools, gpg,
 * AWS CLI). Connection settings arrive as PG* variables (the backup identity's
 * Secret, or the drill's throwaway server); nothing secret is in these texts.
 */

const GPG_HOME = `export GNUPGHOME=/tmp/gnupg
mkdir -m 700 -p "$GNUPGHOME"`;

/** Where backups live in the bucket: a fixed prefix, so the drill needs no production setting to find them. */
export const BACKUP_PREFIX = "postgres";

/**
 * pg_dump → gpg (public key only) → S3, streamed: no plaintext dump ever touches a disk. No `--sse`:
 * the bucket's default encryption (SSE-KMS with the bucket's own key, terraform-ts SecureBucket)
 * applies; `--sse aws:kms` without a key id would pick the AWS-managed aws/s3 key instead.
 */
export const BACKUP_SCRIPT = `set -euo pipefail
${GPG_HOME}
gpg --batch --quiet --import /keys/public.asc
recipient=$(gpg --batch --with-colons --list-keys | awk -F: '/^fpr:/ {print $10; exit}')
key="s3://\${BACKUP_BUCKET}/\${BACKUP_PREFIX}/$(date -u +%Y%m%dT%H%M%SZ).dump.gpg"
pg_dump --format=custom --no-owner --no-privileges \\
  | gpg --batch --trust-model always --encrypt --recipient "$recipient" \\
  | aws s3 cp - "$key" --expected-size 200000000000
printf '%s\\n' "$key" | aws s3 cp - "s3://\${BACKUP_BUCKET}/\${BACKUP_PREFIX}/LATEST"
echo "backup written to $key"
`;

/**
 * Restores the newest backup into the drill pod's own throwaway PostgreSQL (PG* point at
 * 127.0.0.1), runs the check query and prints how long it took. Production is never connected to:
 * the pod holds no database credentials, only read access to the bucket and the private key.
 */
export const RESTORE_DRILL_SCRIPT = `set -euo pipefail
${GPG_HOME}
started=$(date +%s)
gpg --batch --quiet --import /keys/private.asc
latest=$(aws s3 cp "s3://\${BACKUP_BUCKET}/\${BACKUP_PREFIX}/LATEST" -)
aws s3 cp "$latest" - | gpg --batch --decrypt | pg_restore --no-owner --no-privileges --exit-on-error --dbname "$PGDATABASE"
count=$(psql --tuples-only --no-align --command "$CHECK_QUERY")
echo "restore drill of $latest: $CHECK_QUERY returned $count after $(( $(date +%s) - started )) s"
[ "\${count:-0}" -gt 0 ]
`;
