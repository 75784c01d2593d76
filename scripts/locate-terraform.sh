#!/usr/bin/env bash
# Locates the Terraform CLI and the local filesystem mirror of the hashicorp/aws provider, and writes the
# CLI configuration terraform-ts's engine tests use: <cache>/terraform/cli.tfrc, which installs that
# provider from the mirror only (`direct` excluded, so `terraform init` never reaches for a registry).
# Nothing is downloaded: neither a Terraform release nor a provider build is reachable from here, so a
# missing piece fails with what is missing and where it was looked for.
# Usage: locate-terraform.sh CACHE TERRAFORM_SERIES AWS_PROVIDER_VERSION   (called by tools.sh)
set -euo pipefail
cache="${1:?cache}" series="${2:?terraform series, e.g. 1.11.}" provider="${3:?aws provider version}"
platform="linux_amd64"
provider_dir="registry.terraform.io/hashicorp/aws/$provider/$platform"

if ! command -v terraform >/dev/null 2>&1; then
  echo "tools: the Terraform CLI is not installed (terraform-ts's engine tests need terraform ${series}x on PATH)." >&2
  exit 127
fi
version="$(terraform version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p')"
if [[ "$version" != "$series"* ]]; then
  echo "tools: Terraform ${version:-of unknown version} found at $(command -v terraform); the engine tests are written for ${series}x" >&2
  exit 1
fi

# An explicit TERRAFORM_PROVIDER_MIRROR wins; then the folder this machine kind ships; then Terraform's own
# implied local mirror folders on Linux (the CLI configuration docs, "Implied Local Mirror Directories").
candidates=(
  ${TERRAFORM_PROVIDER_MIRROR:+"$TERRAFORM_PROVIDER_MIRROR"}
  /opt/tf-plugins
  "$HOME/.terraform.d/plugins"
  "${XDG_DATA_HOME:-$HOME/.local/share}/terraform/plugins"
  /usr/local/share/terraform/plugins
  /usr/share/terraform/plugins
)
mirror=""
for candidate in "${candidates[@]}"; do
  if [[ -x "$candidate/$provider_dir/terraform-provider-aws_v${provider}_x5" ]]; then
    mirror="$candidate"
    break
  fi
done
if [[ -z "$mirror" ]]; then
  echo "tools: no filesystem mirror holds the hashicorp/aws provider $provider ($provider_dir/terraform-provider-aws_v${provider}_x5)." >&2
  echo "tools: looked in: ${candidates[*]}. Set TERRAFORM_PROVIDER_MIRROR to the folder that holds registry.terraform.io/." >&2
  exit 127
fi

mkdir -p "$cache/terraform" "$cache/bin"
ln -sf "$(command -v terraform)" "$cache/bin/terraform"
cat >"$cache/terraform/cli.tfrc.tmp" <<TFRC
# Written by scripts/locate-terraform.sh: hashicorp/aws $provider from the local mirror, never from a registry.
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
TFRC
mv "$cache/terraform/cli.tfrc.tmp" "$cache/terraform/cli.tfrc"
