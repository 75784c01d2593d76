#!/usr/bin/env bash
# Builds helm into <cache>/bin from the Go module proxy, with the ldflags of upstream's Makefile
# (helm v3 Makefile: K8S_MODULES_MAJOR_VER/MINOR_VER from the client-go it builds against).
# Without them pkg/chartutil/capabilities.go falls back to Kubernetes v1.20 and charts with
# `kubeVersion: >=1.25.0-0` (kube-prometheus-stack) refuse to render. The add-on checks still pass
# --kube-version explicitly, as Argo CD does; the stamp only makes a bare `helm template` sane.
# Usage: build-helm.sh <cache> <helm vX.Y.Z>
set -euo pipefail
cache="$1" helm="$2"
module="helm.sh/helm/v3"
dir="$(go mod download -json "$module@$helm" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')"
client_go="$(awk '$1 == "k8s.io/client-go" { print $2 }' "$dir/go.mod")" # v0.37.0 -> Kubernetes 1.37
minor="$(echo "$client_go" | cut -d. -f2)"
ldflags="-w -s -X $module/internal/version.version=$helm"
for package in pkg/lint/rules pkg/chartutil; do
  ldflags+=" -X $module/$package.k8sVersionMajor=1 -X $module/$package.k8sVersionMinor=$minor"
done
mkdir -p "$cache/bin"
GOBIN="$cache/bin" CGO_ENABLED=0 go install -trimpath -ldflags "$ldflags" "$module/cmd/helm@$helm"
