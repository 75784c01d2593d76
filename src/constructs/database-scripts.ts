/**
 * Shell run by the database jobs in the tools image (bash, libpq tools, gpg,
 * AWS CLI). Connection settings arrive as PG* variables from the database
 * Secret; nothing secret is in these texts.
 */

const GPG_HOME = `export GNUPGHOME=/tmp/gnupg
mkdir -m 700 -p "$GNUPGHOME"`;

/** pg_dump → gpg (public key only) → S3, streamed: no plaintext dump ever touches a disk. */
export const BACKUP_SCRIPT = `set -euo pipefail
${GPG_HOME}
gpg --batch --quiet --import /keys/public.asc
recipient=$(gpg --batch --with-colons --list-keys | awk -F: '/^fpr:/ {print $10; exit}')
key="s3://\${BACKUP_BUCKET}/\${PGDATABASE}/$(date -u +%Y%m%dT%H%M%SZ).dump.gpg"
pg_dump --format=custom --no-owner --no-privileges \\
  | gpg --batch --trust-model always --encrypt --recipient "$recipient" \\
  | aws s3 cp - "$key" --sse aws:kms --expected-size 200000000000
printf '%s\\n' "$key" | aws s3 cp - "s3://\${BACKUP_BUCKET}/\${PGDATABASE}/LATEST"
echo "backup written to $key"
`;

/**
 * Restores the newest backup into a scratch database, runs the check query,
 * and drops the scratch database whatever happened.
 */
export const RESTORE_CHECK_SCRIPT = `set -euo pipefail
${GPG_HOME}
gpg --batch --quiet --import /keys/private.asc
latest=$(aws s3 cp "s3://\${BACKUP_BUCKET}/\${PGDATABASE}/LATEST" -)
scratch="restore_check_$(date -u +%Y%m%d%H%M%S)"
trap 'dropdb --if-exists "$scratch"' EXIT
createdb "$scratch"
aws s3 cp "$latest" - | gpg --batch --decrypt | pg_restore --no-owner --no-privileges --exit-on-error --dbname "$scratch"
count=$(psql --dbname "$scratch" --tuples-only --no-align --command "$CHECK_QUERY")
echo "restore check of $latest: $CHECK_QUERY returned $count"
[ "\${count:-0}" -gt 0 ]
`;
