#!/usr/bin/env bash
# Builds metrics-server into <cache>/bin and writes KWOK's kubelet `/metrics/resource` emulation (the
# upstream Metric config of the KWOK version the rehearsal runs) into <cache>/share/kwok-metrics.yaml:
# metrics-server scrapes it, so the HPA reads real resource metrics (Argo CD shows an HPA without
# metrics as Degraded).
# metrics-server's go.mod has no replace directives, so a plain go install builds it as released; the
# version is stamped as its Makefile does.
# Usage: build-metrics-server.sh <cache> <metrics-server vX.Y.Z> <kwok vX.Y.Z>
set -euo pipefail
cache="$1" metrics_server="$2" kwok="$3"
mkdir -p "$cache/bin" "$cache/share"
GOBIN="$cache/bin" go install -ldflags "-X k8s.io/client-go/pkg/version.gitVersion=$metrics_server" \
  "sigs.k8s.io/metrics-server/cmd/metrics-server@$metrics_server"
kwok_dir="$(go mod download -json "sigs.k8s.io/kwok@$kwok" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')"
install -m 0644 "$kwok_dir/kustomize/metrics/resource/metrics-resource.yaml" "$cache/share/kwok-metrics.yaml"
