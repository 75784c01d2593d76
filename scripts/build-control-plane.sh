#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager, kube-scheduler, kubectl and etcd into <cache>/bin
# from throwaway Go modules.
# k8s.io/kubernetes replaces its k8s.io/* dependencies with ./staging folders that
# are not in its module zip, so the throwaway module replaces each with the
# published v0.<minor>.<patch> instead. The version is stamped in: clients parse it.
# Usage: build-control-plane.sh <cache> <kubernetes vX.Y.Z> <etcd vX.Y.Z>
set -euo pipefail
cache="$1" kubernetes="$2" etcd="$3"
work="$cache/build"
rm -rf "$work" && mkdir -p "$work/kubernetes" "$work/etcd" "$cache/bin"
minor="${kubernetes#v1.}"
published="v0.${minor}"

cd "$work/kubernetes"
printf 'module candlefish/build/kubernetes\n\ngo 1.24\n' >go.mod
dir="$(go mod download -json "k8s.io/kubernetes@$kubernetes" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')"
go mod edit -require="k8s.io/kubernetes@$kubernetes"
for module in $(grep -oE 'k8s.io/[a-z0-9-]+ => ./staging' "$dir/go.mod" | cut -d' ' -f1); do
  go mod edit -replace="$module=$module@$published"
done
# One main package per component, all in the same module so they share one dependency build.
write_main() { # <binary> <import path> <constructor>
  mkdir -p "$1"
  cat >"$1/main.go" <<GO
package main

import (
	"os"

	"$2"
)

func main() {
	if err := app.$3().Execute(); err != nil {
		os.Exit(1)
	}
}
GO
}
write_main kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver/app NewAPIServerCommand
write_main kube-controller-manager k8s.io/kubernetes/cmd/kube-controller-manager/app NewControllerManagerCommand
write_main kube-scheduler k8s.io/kubernetes/cmd/kube-scheduler/app NewSchedulerCommand
# kubectl, so the rehearsal runs `kubectl argo rollouts ...` through kubectl's own plugin lookup.
mkdir -p kubectl
cat >kubectl/main.go <<'GO'
package main

import (
	"k8s.io/component-base/cli"
	"k8s.io/kubectl/pkg/cmd"
	"k8s.io/kubectl/pkg/cmd/util"
)

func main() {
	if err := cli.RunNoErrOutput(cmd.NewDefaultKubectlCommand()); err != nil {
		util.CheckErr(err)
	}
}
GO
go mod tidy
IFS=. read -r major minor_only _ <<<"${kubernetes#v}"
stamp="-X k8s.io/component-base/version.gitVersion=$kubernetes -X k8s.io/component-base/version.gitMajor=$major -X k8s.io/component-base/version.gitMinor=$minor_only"
for binary in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  go build -o "$cache/bin/$binary" -ldflags "$stamp" "./$binary"
done

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
