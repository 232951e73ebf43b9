#!/usr/bin/env bash
# Builds Hyperledger Fabric's peer, orderer and tools into a per-version cache outside the checkout,
# plus the sample core.yaml/orderer.yaml the daemons need at start-up.
#
#   scripts/install-fabric.sh          install if needed; prints the Fabric home on stdout
#   scripts/install-fabric.sh --home   only print the Fabric home (no install)
#
# Sources, first that applies:
# - TRACE_FABRIC_SRC=<fabric checkout at v2.5.16>: `go build` there (no module proxy needed if it vendors).
# - the Go module proxy, by the tag's commit hash: Fabric's go.mod says `module github.com/hyperledger/fabric`
#   (no /v2 suffix), so `go install ...@v2.5.16` is rejected; a commit hash resolves to a pseudo-version.
# TRACE_FABRIC_HOME overrides the cache dir; a dir holding bin/ and config/ of an official Fabric 2.5
# release works as well (its core.yaml gets vm.endpoint "" like ours).
# Idempotent: when every binary and both yaml files are in place it only checks and exits.
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

if [[ ${1:-} == --home ]]; then
  echo "$FABRIC_HOME"
  exit 0
fi

missing_tools() {
  local t
  for t in "${TOOLS[@]}"; do [[ -x "$BIN_DIR/$t" ]] || echo "$t"; done
}

# The peer pings Docker at start unless vm.endpoint is empty in core.yaml itself: an empty
# CORE_VM_ENDPOINT env var is ignored by viper, and /healthz then stays 503.
disable_docker() {
  local core=$CONFIG_DIR/core.yaml
  grep -qE '^[[:space:]]*endpoint:[[:space:]]*""[[:space:]]*$' "$core" && return 0
  sed -E 's|^([[:space:]]*endpoint:[[:space:]]*)unix:///var/run/docker.sock[[:space:]]*$|\1""|' "$core" >"$core.tmp"
  grep -qE '^[[:space:]]*endpoint:[[:space:]]*""[[:space:]]*$' "$core.tmp" || { rm -f "$core.tmp"; die "could not switch off vm.endpoint in $core"; }
  mv "$core.tmp" "$core"
  chmod 0644 "$core"
  log "set vm.endpoint \"\" in $core (no Docker)"
}

copy_sampleconfig() {
  local src=$1
  [[ -f $src/sampleconfig/core.yaml && -f $src/sampleconfig/orderer.yaml ]] || die "no sampleconfig in $src"
  install -m 0644 "$src/sampleconfig/core.yaml" "$CONFIG_DIR/core.yaml"
  install -m 0644 "$src/sampleconfig/orderer.yaml" "$CONFIG_DIR/orderer.yaml"
  log "copied core.yaml and orderer.yaml from $src/sampleconfig"
}

build_from_checkout() {
  local src=$1 t start=$SECONDS
  if ! grep -qs "^module $FABRIC_MODULE\$" "$src/go.mod"; then die "TRACE_FABRIC_SRC=$src is not a Fabric checkout"; fi
  log "building $* from $src"
  shift
  for t in "$@"; do
    (cd "$src" && go build -trimpath -ldflags "$LDFLAGS" -o "$BIN_DIR/$t" "./cmd/$t") || die "go build ./cmd/$t failed in $src"
  done
  log "binaries built in $((SECONDS - start)) s"
}

build_from_proxy() {
  local t start=$SECONDS pkgs=()
  for t in "$@"; do pkgs+=("$FABRIC_MODULE/cmd/$t@$FABRIC_COMMIT"); done
  log "building $* of Fabric $FABRIC_VERSION ($FABRIC_COMMIT) from the Go module proxy into $BIN_DIR (minutes on a cold cache)"
  if ! GOBIN="$BIN_DIR" go install -trimpath -ldflags "$LDFLAGS" "${pkgs[@]}"; then
    die "go install failed. If the proxy answered '403 ... not available', it does not serve $FABRIC_MODULE here:
    set TRACE_FABRIC_SRC to a Fabric v$FABRIC_VERSION checkout, or put a Fabric 2.5 release's bin/ and config/ in
    $FABRIC_HOME (or point TRACE_FABRIC_HOME at them). GOPROXY=$(go env GOPROXY)"
  fi
  log "binaries built in $((SECONDS - start)) s"
}

mkdir -p "$BIN_DIR" "$CONFIG_DIR"
mapfile -t missing < <(missing_tools)
if ((${#missing[@]})) || [[ ! -f $CONFIG_DIR/core.yaml || ! -f $CONFIG_DIR/orderer.yaml ]]; then
  command -v go >/dev/null || die "Go is not on PATH (Fabric $FABRIC_VERSION needs Go >= 1.26.4, or GOTOOLCHAIN=auto)"
  export CGO_ENABLED=0                      # pure Go: faster, no gcc; nothing in these six binaries needs cgo
  export GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" # fetches a newer Go if the local one is older than go.mod asks
  LDFLAGS="-X $FABRIC_MODULE/common/metadata.Version=$FABRIC_VERSION -X $FABRIC_MODULE/common/metadata.CommitSHA=${FABRIC_COMMIT:0:7}"
  if [[ -n ${TRACE_FABRIC_SRC:-} ]]; then
    ((${#missing[@]} == 0)) || build_from_checkout "$TRACE_FABRIC_SRC" "${missing[@]}"
    [[ -f $CONFIG_DIR/core.yaml && -f $CONFIG_DIR/orderer.yaml ]] || copy_sampleconfig "$TRACE_FABRIC_SRC"
  else
    ((${#missing[@]} == 0)) || build_from_proxy "${missing[@]}"
    if [[ ! -f $CONFIG_DIR/core.yaml || ! -f $CONFIG_DIR/orderer.yaml ]]; then
      # After go install the module source sits read-only in the module cache.
      src_dir=$(go mod download -json "$FABRIC_MODULE@$FABRIC_COMMIT" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
      [[ -n $src_dir ]] || die "could not locate Fabric's source in the module cache"
      copy_sampleconfig "$src_dir"
    fi
  fi
else
  log "Fabric $FABRIC_VERSION already installed in $FABRIC_HOME"
fi
disable_docker

mapfile -t missing < <(missing_tools)
((${#missing[@]} == 0)) || die "still missing in $BIN_DIR: ${missing[*]}"
echo "$FABRIC_HOME"
