#!/usr/bin/env bash
# Builds Argo CD's application controller, repo-server and git ask-pass helper (one narrow binary,
# scripts/argocd/main.go) into <cache>/bin/argocd, and copies what they need at run time into
# <cache>/share/argocd: the repo-server's git-verify-wrapper.sh and gpg-wrapper.sh (v3.5.1 runs the
# first from PATH on every manifest generation, GPG or not) and the base config (argocd-cm, argocd-secret, argocd-rbac-cm, ...).
# Built inside a copy of the module source, where its replace directives apply. Its go.mod replaces
# github.com/argoproj/argo-cd/gitops-engine with ./gitops-engine, a nested module the module zip
# leaves out: the pinned pseudo-version below has the v3.5.1 tag folder's go.mod (plus one recover()
# fix in resource_ops.go); its h1 sum is checked before it is used.
# Usage: build-argocd.sh <cache> <argo-cd vX.Y.Z> <gitops-engine pseudo-version> <gitops-engine h1 sum>
set -euo pipefail
cache="$1" argocd="$2" engine="$3" engine_sum="$4"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$cache/build-argocd"
rm -rf "$work" && mkdir -p "$work" "$cache/bin" "$cache/share/argocd"
# prints "<source dir> <h1 sum>" of a module version, downloading it if needed
module() { go mod download -json "$1" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["Dir"], d.get("Sum", ""))'; }

read -r source _ < <(module "github.com/argoproj/argo-cd/v3@$argocd")
read -r engine_dir got < <(module "github.com/argoproj/argo-cd/gitops-engine@$engine")
if [[ "$got" != "$engine_sum" ]]; then
  echo "build-argocd: gitops-engine $engine has sum $got, expected $engine_sum" >&2
  exit 1
fi
cp -r "$source" "$work/argo-cd" && cp -r "$engine_dir" "$work/argo-cd/gitops-engine"
chmod -R u+w "$work/argo-cd"
mkdir -p "$work/argo-cd/cmd/rehearsal" && cp "$here/argocd/main.go" "$work/argo-cd/cmd/rehearsal/main.go"
stamp="github.com/argoproj/argo-cd/v3/common"
(cd "$work/argo-cd" && CGO_ENABLED=0 GOTOOLCHAIN=local go build -trimpath -o "$cache/bin/argocd" \
  -ldflags "-s -w -X $stamp.version=${argocd#v} -X $stamp.gitTag=$argocd -X $stamp.gitTreeState=clean" ./cmd/rehearsal)
cp "$work/argo-cd/hack/git-verify-wrapper.sh" "$work/argo-cd/hack/gpg-wrapper.sh" "$cache/share/argocd/"
chmod +x "$cache/share/argocd/"*.sh
cp "$work/argo-cd/manifests/base/config/"argocd-*.yaml "$cache/share/argocd/"
rm -rf "$work"
