#!/usr/bin/env bash
# Validates every rendered object with kubeconform -strict, fully offline,
# against Kubernetes 1.28 (cdk8s-plus-28's target) and 1.34 (the cluster).
# Usage: npm run validate [-- <dir>...]   (default: dist, plus argocd when present)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$(bash "$root/scripts/tools.sh")"
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=("$root/dist")
  [[ -d "$root/argocd" ]] && targets+=("$root/argocd")
fi

status=0
for version in 1.28.0 1.34.0; do
  echo "kubeconform -strict, Kubernetes $version:"
  "$cache/bin/kubeconform" -strict -summary -kubernetes-version "$version" \
    -schema-location "$cache/schemas/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
    -schema-location "$root/schemas/crds/{{ .ResourceKind }}-{{ .Group }}-{{ .ResourceAPIVersion }}.json" \
    "${targets[@]}" || status=1
done
exit "$status"
