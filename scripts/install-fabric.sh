#!/usr/bin/env bash
# Installs Hyperledger Fabric's peer, orderer and tools (and Fabric CA's server and client) into a
# per-version cache outside the checkout, with the core.yaml/orderer.yaml the daemons read at start-up.
#
#   scripts/install-fabric.sh          install if needed; prints the Fabric home on stdout
#   scripts/install-fabric.sh --home   only print the Fabric home (no install)
#   scripts/install-fabric.sh --ca-home  only print the Fabric CA home (no install)
#
# Where the binaries come from, first that applies:
#   1. TRACE_FABRIC_HOME holding bin/ and config/ (an official release unpacked, as users download it):
#      used as it is; only its core.yaml gets vm.endpoint "" (no Docker).
#   2. TRACE_FABRIC_SRC: a Fabric source tree or a release source tarball (.tar.gz/.tar.xz) of that version.
#   3. By default the vendored release tarballs in TRACE_FABRIC_TARBALLS (default ../shared/fabric beside the
#      checkout): fabric-<version>.tar.xz and fabric-ca-<ca version>.tar.xz.
# Builds are offline (GOPROXY=off, -mod=vendor): the Go module proxy is never asked for hyperledger modules.
#
# TRACE_FABRIC_VERSION: 3.1.5 (default; SmartBFT and Raft) or 2.5.16 (LTS; Raft only).
# TRACE_FABRIC_CA_VERSION: 1.5.21. TRACE_FABRIC_CA_SRC / TRACE_FABRIC_CA_HOME work like the Fabric ones.
# TRACE_FABRIC_CACHE: cache root (default ~/.cache/trace). Idempotent: a complete install only checks and exits.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FABRIC_VERSION=${TRACE_FABRIC_VERSION:-3.1.5}
CA_VERSION=${TRACE_FABRIC_CA_VERSION:-1.5.21}
CACHE=${TRACE_FABRIC_CACHE:-$HOME/.cache/trace}
TARBALLS=${TRACE_FABRIC_TARBALLS:-$ROOT/../shared/fabric}
FABRIC_HOME=${TRACE_FABRIC_HOME:-$CACHE/fabric/$FABRIC_VERSION}
CA_HOME=${TRACE_FABRIC_CA_HOME:-$CACHE/fabric-ca/$CA_VERSION}
TOOLS=(peer orderer configtxgen configtxlator cryptogen osnadmin)
CA_TOOLS=(fabric-ca-server fabric-ca-client)

log() { printf '[install-fabric] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

case ${1:-} in
  --home) echo "$FABRIC_HOME"; exit 0 ;;
  --ca-home) echo "$CA_HOME"; exit 0 ;;
  "") ;;
  *) die "unknown argument '$1' (use --home, --ca-home or nothing)" ;;
esac

# missing DIR TOOL...: the tools not yet executable in DIR/bin.
missing() {
  local dir=$1 t
  shift
  for t in "$@"; do [[ -x $dir/bin/$t ]] || echo "$t"; done
}

# The peer pings Docker at start unless vm.endpoint is empty in core.yaml itself: an empty
# CORE_VM_ENDPOINT env var is ignored by viper, and /healthz then stays 503.
disable_docker() {
  local core=$1/config/core.yaml
  grep -qE '^[[:space:]]*endpoint:[[:space:]]*""[[:space:]]*$' "$core" && return 0
  sed -E 's|^([[:space:]]*endpoint:[[:space:]]*)unix:///var/run/docker.sock[[:space:]]*$|\1""|' "$core" >"$core.tmp"
  grep -qE '^[[:space:]]*endpoint:[[:space:]]*""[[:space:]]*$' "$core.tmp" || { rm -f "$core.tmp"; die "could not switch off vm.endpoint in $core"; }
  mv "$core.tmp" "$core"
  chmod 0644 "$core"
  log "set vm.endpoint \"\" in $core (no Docker)"
}

# source_tree NAME SRC TARBALL: a directory holding NAME's sources, unpacking a tarball when given one.
# A tarball unpacks once into the cache (it is ~100 MB), reused by later builds of the same version.
source_tree() {
  local name=$1 src=$2 tarball=$3 dest
  if [[ -n $src && -d $src ]]; then echo "$src"; return 0; fi
  [[ -n $src ]] && tarball=$src
  [[ -f $tarball ]] || die "no $name sources: $tarball does not exist.
    Set TRACE_FABRIC_HOME to an unpacked Fabric release (bin/ and config/), TRACE_FABRIC_SRC (TRACE_FABRIC_CA_SRC)
    to a source tree or tarball, or TRACE_FABRIC_TARBALLS to the directory holding $(basename "$tarball")."
  dest=$CACHE/src/$(basename "$tarball" | sed -E 's/\.tar\.(gz|xz)$|\.tgz$//')
  if [[ ! -f $dest/.unpacked ]]; then
    log "unpacking $tarball into $dest"
    rm -rf "$dest" && mkdir -p "$dest"
    tar -xf "$tarball" -C "$dest" --strip-components=1 || die "could not unpack $tarball"
    touch "$dest/.unpacked"
  fi
  echo "$dest"
}

# go_build DIR OUT LDFLAGS PKG...: an offline, vendored build; nothing leaves the machine.
go_build() {
  local dir=$1 out=$2 ldflags=$3 start=$SECONDS
  shift 3
  command -v go >/dev/null || die "Go is not on PATH (Fabric $FABRIC_VERSION asks for Go >= 1.26)"
  log "building $* in $dir (a few minutes on a cold Go cache)"
  (cd "$dir" && GOPROXY=off GOFLAGS=-mod=vendor GOTOOLCHAIN=local go build -trimpath -ldflags "$ldflags" -o "$out/" "$@") \
    || die "go build failed in $dir"
  log "built in $((SECONDS - start)) s"
}

install_fabric() {
  local -a need
  mapfile -t need < <(missing "$FABRIC_HOME" "${TOOLS[@]}")
  if ((${#need[@]} == 0)) && [[ -f $FABRIC_HOME/config/core.yaml && -f $FABRIC_HOME/config/orderer.yaml ]]; then
    log "Fabric $FABRIC_VERSION present in $FABRIC_HOME"
  else
    [[ -n ${TRACE_FABRIC_HOME:-} && -z ${TRACE_FABRIC_SRC:-} && ${#need[@]} -gt 0 ]] \
      && die "TRACE_FABRIC_HOME=$TRACE_FABRIC_HOME lacks bin/${need[0]}: unpack a Fabric $FABRIC_VERSION release there, or set TRACE_FABRIC_SRC"
    local src pkgs=() t
    src=$(source_tree Fabric "${TRACE_FABRIC_SRC:-}" "$TARBALLS/fabric-$FABRIC_VERSION.tar.xz")
    grep -qs '^module github.com/hyperledger/fabric$' "$src/go.mod" || die "$src is not a Fabric source tree"
    mkdir -p "$FABRIC_HOME/bin" "$FABRIC_HOME/config"
    if ((${#need[@]})); then
      for t in "${need[@]}"; do pkgs+=("./cmd/$t"); done
      CGO_ENABLED=0 go_build "$src" "$FABRIC_HOME/bin" \
        "-X github.com/hyperledger/fabric/common/metadata.Version=$FABRIC_VERSION" "${pkgs[@]}"
    fi
    for t in core.yaml orderer.yaml; do
      [[ -f $FABRIC_HOME/config/$t ]] || install -m 0644 "$src/sampleconfig/$t" "$FABRIC_HOME/config/$t"
    done
  fi
  disable_docker "$FABRIC_HOME"
  mapfile -t need < <(missing "$FABRIC_HOME" "${TOOLS[@]}")
  ((${#need[@]} == 0)) || die "still missing in $FABRIC_HOME/bin: ${need[*]}"
}

# Fabric CA's server keeps its users in SQLite: cgo, against Debian's libsqlite3-dev (the vendored tree
# lacks SQLite's amalgamation; scripts/install-deps.sh installs the library).
install_ca() {
  local -a need
  mapfile -t need < <(missing "$CA_HOME" "${CA_TOOLS[@]}")
  if ((${#need[@]} == 0)); then
    log "Fabric CA $CA_VERSION present in $CA_HOME"
    return 0
  fi
  [[ -n ${TRACE_FABRIC_CA_HOME:-} && -z ${TRACE_FABRIC_CA_SRC:-} ]] \
    && die "TRACE_FABRIC_CA_HOME=$TRACE_FABRIC_CA_HOME lacks bin/${need[0]}"
  local src
  src=$(source_tree "Fabric CA" "${TRACE_FABRIC_CA_SRC:-}" "$TARBALLS/fabric-ca-$CA_VERSION.tar.xz")
  [[ -f /usr/include/sqlite3.h ]] || die "sqlite3.h missing: run scripts/install-deps.sh (Debian's libsqlite3-dev)"
  mkdir -p "$CA_HOME/bin"
  CGO_ENABLED=1 go_build "$src" "$CA_HOME/bin" \
    "-X github.com/hyperledger/fabric-ca/lib/metadata.Version=$CA_VERSION" -tags libsqlite3 \
    ./cmd/fabric-ca-server ./cmd/fabric-ca-client
}

install_fabric
install_ca
echo "$FABRIC_HOME"
