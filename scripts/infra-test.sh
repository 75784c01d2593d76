#!/usr/bin/env bash
# The terraform-ts sub-project's checks, run from the repository root by `npm test`:
# install its own packages when its lock file changed, then its tests and its checkov scan, then the
# engine tests: each stack through terraform init/validate/plan/apply/plan/destroy against moto, with
# `npm run resolve` reading the published outputs back (terraform-ts/test/engine).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/terraform-ts"
stamp="$project/node_modules/.installed-lock"
lock_hash="$(sha256sum "$project/package-lock.json" | cut -d' ' -f1)"
if [[ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]]; then
  echo "terraform-ts: npm ci (about 500 MB, once per lock file)"
  npm ci --prefix "$project" --no-audit --no-fund
  echo "$lock_hash" >"$stamp"
fi
export CHECKPOINT_DISABLE=1
npm test --prefix "$project"
npm run scan --prefix "$project"
# Locates terraform and the provider mirror first, so a missing one fails here saying which.
CANDLEFISH_TOOLS="$(bash "$root/scripts/tools.sh")"
export CANDLEFISH_TOOLS
npm run test:engine --prefix "$project"
