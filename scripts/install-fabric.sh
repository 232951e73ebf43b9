#!/usr/bin/env bash
# Builds Hyperledger Fabric's peer, orderer and tools from the Go module proxy into a per-version
# cache outside the checkout, plus the sample core.yaml/orderer.yaml the daemons need at start-up.
#
# Why by commit hash: Fabric's go.mod says `module github.com/hyperledger/fabric` (no /v2 suffix), so
# `go install ...@v2.5.16` is rejected; a commit hash resolves to a pseudo-version that works.
# Idempotent: when every binary and both yaml files exist, it exits at once.
#
#   scripts/install-fabric.sh          install if needed; prints the Fabric home on stdout
#   scripts/install-fabric.sh --home   only print the Fabric home (no install)
#
# TRACE_FABRIC_HOME overrides the cache dir; a dir holding bin/ and config/ from an official Fabric
# 2.5 release (with vm.endpoint "" in config/core.yaml) works as well.
set -euo pipefail

FABRIC_VERSION=2.5.16
FABRIC_COMMIT=f871cf92a026aba7b12e6f06d71ded3e6e659d71   # tag v2.5.16
FABRIC_MODULE=github.com/hyperledger/fabric
FABRIC_HOME="${TRACE_FABRIC_HOME:-$HOME/.cache/trace/fabric/$FABRIC_VERSION}"
BIN_DIR="$FABRIC_HOME/bin"
CONFIG_DIR="$FABRIC_HOME/config"
TOOLS=(peer orderer configtxgen configtxlator cryptogen osnadmin)

log() { printf '[install-fabric] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

complete() {
  local t
  for t in "${TOOLS[@]}"; do [[ -x "$BIN_DIR/$t" ]] || return 1; done
  [[ -f "$CONFIG_DIR/core.yaml" && -f "$CONFIG_DIR/orderer.yaml" ]]
}

if [[ ${1:-} == --home ]]; then
  echo "$FABRIC_HOME"
  exit 0
fi

if complete; then
  log "Fabric $FABRIC_VERSION already installed in $FABRIC_HOME"
  echo "$FABRIC_HOME"
  exit 0
fi

command -v go >/dev/null || die "Go is not on PATH (need Go >= 1.26.4 for Fabric $FABRIC_VERSION, or GOTOOLCHAIN=auto)"
mkdir -p "$BIN_DIR" "$CONFIG_DIR"

export CGO_ENABLED=0        # pure-Go build: faster, no gcc needed; nothing in these six binaries needs cgo
export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"   # fetches a newer Go if the local one is older than go.mod asks
export GOFLAGS="${GOFLAGS:--mod=mod}"
LDFLAGS="-X $FABRIC_MODULE/common/metadata.Version=$FABRIC_VERSION -X $FABRIC_MODULE/common/metadata.CommitSHA=${FABRIC_COMMIT:0:7}"

pkgs=()
for t in "${TOOLS[@]}"; do
  [[ -x "$BIN_DIR/$t" ]] || pkgs+=("$FABRIC_MODULE/cmd/$t@$FABRIC_COMMIT")
done
if ((${#pkgs[@]})); then
  log "building ${#pkgs[@]} binaries of Fabric $FABRIC_VERSION ($FABRIC_COMMIT) into $BIN_DIR — takes a few minutes on a cold cache"
  start=$SECONDS
  if ! GOBIN="$BIN_DIR" go install -trimpath -ldflags "$LDFLAGS" "${pkgs[@]}"; then
    die "go install failed. If the module proxy answered '403 ... not available', this machine's proxy does not serve
    $FABRIC_MODULE; put Fabric $FABRIC_VERSION's bin/ and config/ in $FABRIC_HOME another way (or point
    TRACE_FABRIC_HOME at them). GOPROXY=$(go env GOPROXY)"
  fi
  log "binaries built in $((SECONDS - start)) s"
fi

if [[ ! -f "$CONFIG_DIR/core.yaml" || ! -f "$CONFIG_DIR/orderer.yaml" ]]; then
  log "copying sampleconfig core.yaml and orderer.yaml from the module cache"
  src_dir=$(go mod download -json "$FABRIC_MODULE@$FABRIC_COMMIT" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  [[ -n "$src_dir" && -d "$src_dir/sampleconfig" ]] || die "could not locate Fabric's sampleconfig in the module cache"
  install -m 0644 "$src_dir/sampleconfig/orderer.yaml" "$CONFIG_DIR/orderer.yaml"
  # The peer pings Docker at start unless vm.endpoint is empty in the file itself: an empty
  # CORE_VM_ENDPOINT env var is ignored by viper, and /healthz then stays 503.
  sed -E 's|^([[:space:]]*endpoint:[[:space:]]*)unix:///var/run/docker.sock[[:space:]]*$|\1""|' \
    "$src_dir/sampleconfig/core.yaml" > "$CONFIG_DIR/core.yaml.tmp"
  grep -qE '^[[:space:]]*endpoint:[[:space:]]*""[[:space:]]*$' "$CONFIG_DIR/core.yaml.tmp" \
    || die "could not switch off vm.endpoint in core.yaml"
  mv "$CONFIG_DIR/core.yaml.tmp" "$CONFIG_DIR/core.yaml"
  chmod 0644 "$CONFIG_DIR/core.yaml"
fi

complete || die "install incomplete in $FABRIC_HOME"
log "Fabric $FABRIC_VERSION ready: peer $("$BIN_DIR/peer" version 2>/dev/null | sed -n 's/^ Version: //p')"
echo "$FABRIC_HOME"
