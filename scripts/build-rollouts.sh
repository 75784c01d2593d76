#!/usr/bin/env bash
# Builds the Argo Rollouts controller, its kubectl plugin, KWOK and metrics-server into <cache>/bin,
# and KWOK's upstream "fast" stages (nodes Ready with lease heartbeats, pods Ready, Job pods
# Succeeded) and its kubelet `/metrics/resource` emulation (which metrics-server scrapes, so the
# HPA reads real resource metrics) into <cache>/share/kwok-stages.yaml.
# Argo Rollouts is built inside a copy of its own module source, where its replace
# directives apply (a `go install pkg@version` ignores them and fails to resolve).
# Usage: build-rollouts.sh <cache> <argo-rollouts vX.Y.Z> <kwok vX.Y.Z> <metrics-server vX.Y.Z>
set -euo pipefail
cache="$1" rollouts="$2" kwok="$3" metrics_server="$4"
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
printf -- '---\n' >>"$cache/share/kwok-stages.yaml"
cat "$(module_dir "sigs.k8s.io/kwok@$kwok")/kustomize/metrics/resource/metrics-resource.yaml" >>"$cache/share/kwok-stages.yaml"

# Its go.mod has no replace directives, so a plain go install builds it as released (version stamp
# as upstream's Makefile sets it).
GOBIN="$cache/bin" go install -ldflags "-X k8s.io/client-go/pkg/version.gitVersion=$metrics_server" \
  "sigs.k8s.io/metrics-server/cmd/metrics-server@$metrics_server"
rm -rf "$work"
