#!/usr/bin/env bash
# Builds the Argo Rollouts controller, its kubectl plugin and KWOK into <cache>/bin, and
# KWOK's upstream "fast" stages (nodes Ready with lease heartbeats, pods Ready, Job pods
# Succeeded) into <cache>/share/kwok-stages.yaml.
# Argo Rollouts is built inside a copy of its own module source, where its replace
# directives apply (a `go install pkg@version` ignores them and fails to resolve).
# Usage: build-rollouts.sh <cache> <argo-rollouts vX.Y.Z> <kwok vX.Y.Z>
set -euo pipefail
cache="$1" rollouts="$2" kwok="$3"
work="$cache/build-rollouts"
rm -rf "$work" && mkdir -p "$work" "$cache/bin" "$cache/share"
module_dir() { go mod download -json "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])'; }

cp -r "$(module_dir "github.com/argoproj/argo-rollouts@$rollouts")" "$work/argo-rollouts"
chmod -R u+w "$work/argo-rollouts"
cd "$work/argo-rollouts"
stamp="-X github.com/argoproj/argo-rollouts/utils/version.version=$rollouts"
go build -o "$cache/bin/rollouts-controller" -ldflags "$stamp" ./cmd/rollouts-controller
go build -o "$cache/bin/kubectl-argo-rollouts" -ldflags "$stamp" ./cmd/kubectl-argo-rollouts

GOBIN="$cache/bin" go install "sigs.k8s.io/kwok/cmd/kwok@$kwok"
stages="$(module_dir "sigs.k8s.io/kwok@$kwok")/kustomize/stage"
for stage in node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease \
  pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete; do
  echo "---"
  cat "$stages/$stage.yaml"
done >"$cache/share/kwok-stages.yaml"
rm -rf "$work"
