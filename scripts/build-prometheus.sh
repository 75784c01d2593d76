#!/usr/bin/env bash
# Builds Prometheus 3 and promtool (module github.com/prometheus/prometheus: module v0.3XX.Y is release
# v3.XX.Y) and amtool (github.com/prometheus/alertmanager) into <cache>/prometheus-3 from the Go module
# proxy: a folder of their own, so nothing else named prometheus (Debian's 2.x) can stand in for them.
# Prometheus is built inside a copy of its module source, where its replace directives apply (a
# `go install pkg@version` refuses them). The version is stamped the way upstream's .promu.yml does
# (github.com/prometheus/common/version); without it `prometheus --version` prints an empty version.
# Usage: build-prometheus.sh <cache> <prometheus module vX> <prometheus release vX> <alertmanager vX>
set -euo pipefail
cache="$1" module="$2" release="$3" alertmanager="$4"
work="$cache/build-prometheus"
bin="$cache/prometheus-3"
rm -rf "$work" && mkdir -p "$work" "$bin"
stamp() { echo "-X github.com/prometheus/common/version.Version=${1#v} -X github.com/prometheus/common/version.Branch=HEAD"; }
module_dir() { go mod download -json "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])'; }

cp -r "$(module_dir "github.com/prometheus/prometheus@$module")" "$work/prometheus"
chmod -R u+w "$work/prometheus"
cd "$work/prometheus"
# Its go.work ties in example modules; the binaries need only the main module (and go.work refuses -mod=mod).
export GOWORK=off
for command in prometheus promtool; do
  CGO_ENABLED=0 go build -o "$bin/$command" -ldflags "$(stamp "$release")" "./cmd/$command"
done
GOBIN="$bin" CGO_ENABLED=0 go install -ldflags "$(stamp "$alertmanager")" \
  "github.com/prometheus/alertmanager/cmd/amtool@$alertmanager"
rm -rf "$work"
