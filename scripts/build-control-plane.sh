#!/usr/bin/env bash
# Builds kube-apiserver and etcd into <cache>/bin from throwaway Go modules.
# k8s.io/kubernetes replaces its k8s.io/* dependencies with ./staging folders that
# are not in its module zip, so the throwaway module replaces each with the
# published v0.<minor>.<patch> instead. The version is stamped in: clients parse it.
# Usage: build-control-plane.sh <cache> <kubernetes vX.Y.Z> <etcd vX.Y.Z>
set -euo pipefail
cache="$1" kubernetes="$2" etcd="$3"
work="$cache/build"
rm -rf "$work" && mkdir -p "$work/kube-apiserver" "$work/etcd" "$cache/bin"
minor="${kubernetes#v1.}"
published="v0.${minor}"

cd "$work/kube-apiserver"
printf 'module candlefish/build/kube-apiserver\n\ngo 1.24\n' >go.mod
dir="$(go mod download -json "k8s.io/kubernetes@$kubernetes" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')"
go mod edit -require="k8s.io/kubernetes@$kubernetes"
for module in $(grep -oE 'k8s.io/[a-z0-9-]+ => ./staging' "$dir/go.mod" | cut -d' ' -f1); do
  go mod edit -replace="$module=$module@$published"
done
cat >main.go <<'GO'
package main

import (
	"os"

	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() {
	if err := app.NewAPIServerCommand().Execute(); err != nil {
		os.Exit(1)
	}
}
GO
go mod tidy
IFS=. read -r major minor_only _ <<<"${kubernetes#v}"
go build -o "$cache/bin/kube-apiserver" -ldflags "-X k8s.io/component-base/version.gitVersion=$kubernetes -X k8s.io/component-base/version.gitMajor=$major -X k8s.io/component-base/version.gitMinor=$minor_only" .

cd "$work/etcd"
printf 'module candlefish/build/etcd\n\ngo 1.24\n' >go.mod
cat >main.go <<'GO'
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
go get "go.etcd.io/etcd/server/v3@$etcd"
go mod tidy
go build -o "$cache/bin/etcd" .
rm -rf "$work"
