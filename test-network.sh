#!/usr/bin/env bash
# Trace test network: a multi-organisation Hyperledger Fabric network run as plain local processes on
# loopback (no Docker): ProducersMSP (2 peers), BrandsMSP (1 peer), LogisticsMSP (1 peer), channel `trace`,
# chaincode `trace` as an external service (CCaaS), and an ordering service of either profile:
#   bft   4 SmartBFT orderers (one faulty node tolerated); Fabric v3 only, its default
#   raft  3 etcdraft orderers; Fabric v2.5 and v3
# TRACE_FABRIC_VERSION (3.1.5 | 2.5.16) and TRACE_NETWORK_PROFILE are read by `up` and remembered in the work
# dir, so later verbs act on the network that is running.
#
#   ./test-network.sh up              install Fabric if needed, crypto, genesis block, start nodes
#   ./test-network.sh createChannel   join the orderers (osnadmin) and the peers to `trace`
#   ./test-network.sh deployCC        package, install, start the chaincode server, approve, commit
#   ./test-network.sh enroll          enrol the demo users at their org's Fabric CA; write wallet/ and connection.json
#   ./test-network.sh register ORG USER ROLE   register and enrol one more user (wallet: $TRACE_WALLET_DIR or wallet/)
#   ./test-network.sh revoke ORG USER revoke USER at ORG's CA and put the CA's CRL in ORG's channel MSP
#   ./test-network.sh batching        the channel's ordering settings in force (JSON), for benchmarks
#   ./test-network.sh down            stop everything this script started and delete the work dir
#   ./test-network.sh status | logs [NAME] | stop NAME | kill NAME | start NAME | env ORG
#                                     (NAME: a node of network/nodes.sh, or chaincode)
#
# Everything lives in one work dir, ${TRACE_NETWORK_DIR:-<repo>/.work/fabric}. Node layout and
# ports: network/nodes.sh and network/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=$(realpath -m "${TRACE_NETWORK_DIR:-$ROOT/.work/fabric}")   # absolute: it goes into node env files
# The network a previous `up` started decides version and profile; a fresh `up` takes them from the environment.
if [[ ${1:-} != up && -f $WORK/network.env ]]; then
  # shellcheck disable=SC1091 # written by network_up
  source "$WORK/network.env"
fi
export TRACE_FABRIC_VERSION=${TRACE_FABRIC_VERSION:-3.1.5}
if [[ -z ${TRACE_NETWORK_PROFILE:-} ]]; then
  if [[ $TRACE_FABRIC_VERSION == 2.* ]]; then TRACE_NETWORK_PROFILE=raft; else TRACE_NETWORK_PROFILE=bft; fi
fi
case $TRACE_NETWORK_PROFILE in
  raft) ;;
  bft) [[ $TRACE_FABRIC_VERSION != 2.* ]] || { echo "[network] ERROR: SmartBFT needs Fabric v3 (TRACE_FABRIC_VERSION=$TRACE_FABRIC_VERSION); use TRACE_NETWORK_PROFILE=raft" >&2; exit 1; } ;;
  *) echo "[network] ERROR: TRACE_NETWORK_PROFILE must be bft or raft, not '$TRACE_NETWORK_PROFILE'" >&2; exit 1 ;;
esac
export TRACE_NETWORK_PROFILE
# shellcheck source=network/nodes.sh
source "$ROOT/network/nodes.sh"
# shellcheck source=network/ca.sh
source "$ROOT/network/ca.sh"

CHANNEL=trace
CC_NAME=trace
CC_VERSION=${TRACE_CC_VERSION:-1.0}
CC_LABEL="${CC_NAME}_${CC_VERSION}"
CC_POLICY="OutOf(2,'ProducersMSP.peer','BrandsMSP.peer','LogisticsMSP.peer')"
# The module fabric-chaincode-node loads: its package.json main must export `contracts`.
CC_MODULE=${TRACE_CHAINCODE_MODULE:-$ROOT/chaincode}
WAIT=${TRACE_NETWORK_TIMEOUT:-60}     # seconds for any single wait
# Nodes log at INFO except the per-transaction lines (each gRPC call, each orderer reply, each broadcast
# stream the peer Gateway closes, each BFT consensus step): about ten lines per transaction per node, which
# on 2 cores cost throughput. Warnings and errors still show; TRACE_FABRIC_LOGGING=INFO brings them back.
NODE_LOGGING='info:comm.grpc.server=warning:grpc=warning:gateway=warning:endorser=warning:orderer.common.broadcast=error:orderer.consensus.smartbft=warning'
CLI_TIMEOUT=30                        # seconds for any single peer/osnadmin CLI call

CRYPTO=$WORK/crypto
ORDERER_CA=$CRYPTO/ordererOrganizations/$TRACE_ORDERER_DOMAIN/tlsca/tlsca.$TRACE_ORDERER_DOMAIN-cert.pem
ORDERER_ADMIN_TLS=$CRYPTO/ordererOrganizations/$TRACE_ORDERER_DOMAIN/users/Admin@$TRACE_ORDERER_DOMAIN/tls
ORDERER_ENDPOINT=127.0.0.1:7010

if [[ -t 2 ]]; then BOLD=$'\033[1m' RED=$'\033[1;31m' RESET=$'\033[0m'; else BOLD='' RED='' RESET=''; fi
log() { printf '%s[network]%s %s\n' "$BOLD" "$RESET" "$*" >&2; }
die() { printf '%s[network] ERROR:%s %s\n' "$RED" "$RESET" "$*" >&2; exit 1; }

# --- Fabric binaries -------------------------------------------------------------------------------

fabric_home() {
  FABRIC_HOME=$("$ROOT/scripts/install-fabric.sh" --home)
  BIN=$FABRIC_HOME/bin
  FABRIC_CFG=$FABRIC_HOME/config
  CA_BIN=$("$ROOT/scripts/install-fabric.sh" --ca-home)/bin
}

require_fabric() {
  fabric_home
  [[ -x $BIN/peer && -f $FABRIC_CFG/core.yaml ]] || die "Fabric is not installed in $FABRIC_HOME (run ./scripts/install-fabric.sh)"
  [[ -x $CA_BIN/fabric-ca-server && -x $CA_BIN/fabric-ca-client ]] || die "Fabric CA is not installed in ${CA_BIN%/bin} (run ./scripts/install-fabric.sh)"
}

# --- node table ------------------------------------------------------------------------------------

# node_field NAME INDEX: field INDEX (0 name, 1 kind, 2 MSP ID, 3 port base) of node NAME.
# table_field TABLE NAME INDEX: field INDEX of the row named NAME in the array TABLE (rows are space-separated).
table_field() {
  local -n rows=$1
  local r f
  for r in "${rows[@]}"; do
    read -r -a f <<<"$r"
    if [[ ${f[0]} == "$2" ]]; then echo "${f[$3]}"; return 0; fi
  done
  return 1
}
node_field() { table_field TRACE_NODES "$1" "$2" || die "unknown node '$1' (nodes: $(node_names | tr '\n' ' '))"; }
node_names() { local n; for n in "${TRACE_NODES[@]}"; do echo "${n%% *}"; done; }
nodes_of_kind() { local n f; for n in "${TRACE_NODES[@]}"; do read -r -a f <<<"$n"; [[ ${f[1]} == "$1" ]] && echo "${f[0]}"; done; return 0; }
peers_of_org() { local n f; for n in "${TRACE_NODES[@]}"; do read -r -a f <<<"$n"; [[ ${f[1]} == peer && ${f[2]} == "$1" ]] && echo "${f[0]}"; done; return 0; }
org_field() { table_field TRACE_ORGS "$1" "$2" || die "unknown organisation '$1' (orgs: $(org_ids | tr '\n' ' '))"; }
org_ids() { local o; for o in "${TRACE_ORGS[@]}"; do echo "${o%% *}"; done; }
node_port() { echo $(($(node_field "$1" 3) + ${2:-0})); }
node_host() { echo "$1.trace.local"; }
peer_dir() { local msp; msp=$(node_field "$1" 2); echo "$CRYPTO/peerOrganizations/$(org_field "$msp" 1)/peers/$(node_host "$1")"; }
org_tlsca() { local d; d=$(org_field "$1" 1); echo "$CRYPTO/peerOrganizations/$d/tlsca/tlsca.$d-cert.pem"; }

pid_file() { echo "$WORK/pids/$1.pid"; }
log_file() { echo "$WORK/logs/$1.log"; }

# pid_of NAME: the live pid recorded for NAME, or nothing. Checks the process still runs the
# binary we started, so a recycled pid is never mistaken for (or killed as) one of ours.
pid_of() {
  local f pid
  f=$(pid_file "$1")
  [[ -f $f ]] || return 0
  pid=$(<"$f")
  [[ -n $pid && -r /proc/$pid/cmdline ]] || return 0
  [[ -s $f.cmd ]] || return 0
  if tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -e "$(<"$f.cmd")"; then echo "$pid"; fi
}

# --- waiting ---------------------------------------------------------------------------------------

# wait_for SECONDS DESCRIPTION COMMAND...: retry COMMAND every 0.25 s until it succeeds.
wait_for() {
  local secs=$1 what=$2 deadline
  shift 2
  deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.25
  done
  log "  $what"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
healthy() {
  if [[ $(node_field "$1" 1) == ca ]]; then ca_answers "$1"; return; fi
  curl -fsS -m 2 "http://127.0.0.1:$(node_port "$1" 2)/healthz" | grep -q '"status":"OK"'
}

wait_healthy() {
  local name=$1 pid deadline=$((SECONDS + WAIT))
  until healthy "$name"; do
    pid=$(pid_of "$name")
    if [[ -z $pid ]]; then
      tail -n 30 "$(log_file "$name")" >&2 || true
      die "$name exited during start-up (log above; full log: ./test-network.sh logs $name)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 30 "$(log_file "$name")" >&2 || true
      die "$name not healthy after ${WAIT}s on 127.0.0.1:$(node_port "$name" 2)/healthz"
    fi
    sleep 0.25
  done
  log "  $name healthy (pid $(pid_of "$name"))"
}

# --- node environments -----------------------------------------------------------------------------

# quote_env: KEY=VALUE lines to KEY='VALUE', so values with spaces, brackets or braces source intact.
quote_env() { sed -E "s/^([A-Z_][A-Z0-9_]*)=(.*)$/\1='\2'/"; }

write_orderer_env() {
  local name=$1 dir data
  dir=$CRYPTO/ordererOrganizations/$TRACE_ORDERER_DOMAIN/orderers/$(node_host "$name")
  data=$WORK/nodes/$name
  mkdir -p "$data"
  quote_env >"$data/env" <<EOF
FABRIC_CFG_PATH=$FABRIC_CFG
FABRIC_LOGGING_SPEC=${TRACE_FABRIC_LOGGING:-$NODE_LOGGING}
ORDERER_GENERAL_LISTENADDRESS=127.0.0.1
ORDERER_GENERAL_LISTENPORT=$(node_port "$name")
ORDERER_GENERAL_LOCALMSPID=$TRACE_ORDERER_MSP
ORDERER_GENERAL_LOCALMSPDIR=$dir/msp
ORDERER_GENERAL_TLS_ENABLED=true
ORDERER_GENERAL_TLS_PRIVATEKEY=$dir/tls/server.key
ORDERER_GENERAL_TLS_CERTIFICATE=$dir/tls/server.crt
ORDERER_GENERAL_TLS_ROOTCAS=[$dir/tls/ca.crt]
ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE=$dir/tls/server.crt
ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY=$dir/tls/server.key
ORDERER_GENERAL_CLUSTER_ROOTCAS=[$dir/tls/ca.crt]
ORDERER_GENERAL_BOOTSTRAPMETHOD=none
ORDERER_CHANNELPARTICIPATION_ENABLED=true
ORDERER_ADMIN_LISTENADDRESS=127.0.0.1:$(node_port "$name" 1)
ORDERER_ADMIN_TLS_ENABLED=true
ORDERER_ADMIN_TLS_PRIVATEKEY=$dir/tls/server.key
ORDERER_ADMIN_TLS_CERTIFICATE=$dir/tls/server.crt
ORDERER_ADMIN_TLS_ROOTCAS=[$dir/tls/ca.crt]
ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
ORDERER_ADMIN_TLS_CLIENTROOTCAS=[$dir/tls/ca.crt]
ORDERER_OPERATIONS_LISTENADDRESS=127.0.0.1:$(node_port "$name" 2)
ORDERER_METRICS_PROVIDER=prometheus
ORDERER_FILELEDGER_LOCATION=$data/ledger
ORDERER_CONSENSUS_WALDIR=$data/consensus/wal
ORDERER_CONSENSUS_SNAPDIR=$data/consensus/snapshot
EOF
  echo "$BIN/orderer" >"$data/cmd"
}

write_peer_env() {
  local name=$1 msp dir data addr bootstrap="" p
  msp=$(node_field "$name" 2)
  dir=$(peer_dir "$name")
  data=$WORK/nodes/$name
  addr=127.0.0.1:$(node_port "$name")
  # Gossip bootstraps from the org's other peers (a lone peer names itself). Every peer is its org's
  # leader and pulls blocks from the orderers itself: Fabric v3's BFT block deliverer never gossips
  # blocks (deliveryclient.go: "no longer supported in v3.x"), so a non-leader would learn each block
  # only by state transfer, ~10 s late, and stall every commit-status wait through it.
  for p in $(peers_of_org "$msp"); do
    [[ $p == "$name" ]] || bootstrap+="${bootstrap:+ }127.0.0.1:$(node_port "$p")"
  done
  mkdir -p "$data"
  quote_env >"$data/env" <<EOF
FABRIC_CFG_PATH=$FABRIC_CFG
FABRIC_LOGGING_SPEC=${TRACE_FABRIC_LOGGING:-$NODE_LOGGING}
CORE_PEER_ID=$(node_host "$name")
CORE_PEER_ADDRESS=$addr
CORE_PEER_LISTENADDRESS=$addr
CORE_PEER_CHAINCODEADDRESS=127.0.0.1:$(node_port "$name" 1)
CORE_PEER_CHAINCODELISTENADDRESS=127.0.0.1:$(node_port "$name" 1)
CORE_PEER_GOSSIP_ENDPOINT=$addr
CORE_PEER_GOSSIP_EXTERNALENDPOINT=$addr
CORE_PEER_GOSSIP_BOOTSTRAP=${bootstrap:-$addr}
CORE_PEER_GOSSIP_USELEADERELECTION=false
CORE_PEER_GOSSIP_ORGLEADER=true
CORE_PEER_GOSSIP_STATE_ENABLED=true
CORE_PEER_LOCALMSPID=$msp
CORE_PEER_MSPCONFIGPATH=$dir/msp
CORE_PEER_TLS_ENABLED=true
CORE_PEER_TLS_CERT_FILE=$dir/tls/server.crt
CORE_PEER_TLS_KEY_FILE=$dir/tls/server.key
CORE_PEER_TLS_ROOTCERT_FILE=$dir/tls/ca.crt
CORE_PEER_FILESYSTEMPATH=$data/ledger
CORE_LEDGER_SNAPSHOTS_ROOTDIR=$data/snapshots
CORE_LEDGER_STATE_STATEDATABASE=goleveldb
CORE_OPERATIONS_LISTENADDRESS=127.0.0.1:$(node_port "$name" 2)
CORE_METRICS_PROVIDER=prometheus
CORE_CHAINCODE_EXTERNALBUILDERS=[{name: ccaas, path: $ROOT/network/builders/ccaas, propagateEnvironment: [CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG]}]
CORE_CHAINCODE_STARTUPTIMEOUT=60s
EOF
  echo "$BIN/peer node start" >"$data/cmd"
}

# start_node NAME: start a node from its env file as a detached background process.
start_node() {
  local name=$1 data=$WORK/nodes/$1 pid
  [[ -f $data/env ]] || die "$name has no environment in $data (run ./test-network.sh up)"
  if [[ -n $(pid_of "$name") ]]; then log "  $name already running (pid $(pid_of "$name"))"; return 0; fi
  local p
  for p in 0 1 2; do
    port_free "$(node_port "$name" "$p")" || die "port $(node_port "$name" "$p") for $name is taken by another process"
  done
  mkdir -p "$WORK/pids" "$WORK/logs"
  # shellcheck disable=SC2046 # the cmd file holds a binary and its arguments, split on purpose
  # shellcheck disable=SC1091 # written by write_*_env at run time
  (set -a && source "$data/env" && set +a && exec setsid $(<"$data/cmd")) >>"$(log_file "$name")" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$(pid_file "$name")"
  awk '{print $1}' "$data/cmd" >"$(pid_file "$name").cmd"
  log "  started $name (pid $pid, log $(log_file "$name"))"
}

# stop_nodes NAME...: TERM every one at once, then KILL what still runs after 10 s.
stop_nodes() {
  local name pid i pids=() names=()
  for name in "$@"; do
    pid=$(pid_of "$name")
    [[ -n $pid ]] || { rm -f "$(pid_file "$name")" "$(pid_file "$name").cmd"; continue; }
    kill -TERM "$pid" 2>/dev/null || true
    pids+=("$pid") names+=("$name")
  done
  for ((i = 0; i < 40; i++)); do
    local alive=0
    for pid in "${pids[@]}"; do [[ -d /proc/$pid ]] && alive=1; done
    ((alive)) || break
    sleep 0.25
  done
  for i in "${!pids[@]}"; do
    [[ -d /proc/${pids[$i]} ]] && kill -KILL "${pids[$i]}" 2>/dev/null || true
  done
  for i in "${!pids[@]}"; do
    while [[ -d /proc/${pids[$i]} ]] && grep -qv '^State:.*Z' "/proc/${pids[$i]}/status" 2>/dev/null; do sleep 0.05; done
    rm -f "$(pid_file "${names[$i]}")" "$(pid_file "${names[$i]}").cmd"
    log "  stopped ${names[$i]} (pid ${pids[$i]})"
  done
}
stop_node() { stop_nodes "$1"; }

# kill_node NAME: SIGKILL, as a crash would (fault tests); the node's data stays for a restart.
kill_node() {
  local pid
  pid=$(pid_of "$1")
  [[ -n $pid ]] || die "$1 is not running"
  kill -KILL "$pid"
  while [[ -d /proc/$pid ]] && grep -qv '^State:.*Z' "/proc/$pid/status" 2>/dev/null; do sleep 0.05; done
  rm -f "$(pid_file "$1")" "$(pid_file "$1").cmd"
  log "  killed $1 (pid $pid)"
}

# --- CLI identities --------------------------------------------------------------------------------

# admin_env ORG [PEER]: environment for the peer CLI acting as ORG's admin against PEER.
admin_env() {
  local msp=$1 domain peer
  domain=$(org_field "$msp" 1)
  peer=${2:-$(org_field "$msp" 2)}
  cat <<EOF
export FABRIC_CFG_PATH=$FABRIC_CFG
export FABRIC_LOGGING_SPEC=${TRACE_CLI_LOGGING:-warning}
export CORE_PEER_TLS_ENABLED=true
export CORE_PEER_LOCALMSPID=$msp
export CORE_PEER_MSPCONFIGPATH=$CRYPTO/peerOrganizations/$domain/users/Admin@$domain/msp
export CORE_PEER_TLS_ROOTCERT_FILE=$(org_tlsca "$msp")
export CORE_PEER_ADDRESS=127.0.0.1:$(node_port "$peer")
export ORDERER_CA=$ORDERER_CA
export PATH=$BIN:\$PATH
EOF
}

# as_admin ORG PEER COMMAND...: run a Fabric CLI command as ORG's admin against PEER, bounded in time.
as_admin() {
  local msp=$1 peer=$2
  shift 2
  (eval "$(admin_env "$msp" "$peer")" && timeout "$CLI_TIMEOUT" "$@")
}

osnadmin_cmd() {
  local name=$1
  shift
  timeout "$CLI_TIMEOUT" "$BIN/osnadmin" channel "$@" -o "127.0.0.1:$(node_port "$name" 1)" \
    --ca-file "$ORDERER_CA" --client-cert "$ORDERER_ADMIN_TLS/client.crt" --client-key "$ORDERER_ADMIN_TLS/client.key"
}

# --- verbs -----------------------------------------------------------------------------------------

channel_profile() { if [[ $TRACE_NETWORK_PROFILE == bft ]]; then echo TraceChannelBFT; else echo TraceChannelRaft; fi; }

network_up() {
  local t0=$SECONDS name msp
  if [[ -f $WORK/network.env ]]; then
    if ! grep -qx "TRACE_FABRIC_VERSION=$TRACE_FABRIC_VERSION" "$WORK/network.env" \
      || ! grep -qx "TRACE_NETWORK_PROFILE=$TRACE_NETWORK_PROFILE" "$WORK/network.env"; then
      die "$WORK holds another network ($(tr '\n' ' ' <"$WORK/network.env")): run ./test-network.sh down first"
    fi
  fi
  log "installing Fabric $TRACE_FABRIC_VERSION (cached after the first run)"
  "$ROOT/scripts/install-fabric.sh" >/dev/null
  require_fabric
  mkdir -p "$WORK"
  printf 'TRACE_FABRIC_VERSION=%s\nTRACE_NETWORK_PROFILE=%s\n' "$TRACE_FABRIC_VERSION" "$TRACE_NETWORK_PROFILE" >"$WORK/network.env"
  if [[ ! -d $CRYPTO ]]; then
    log "generating crypto material (cryptogen)"
    rm -rf "$CRYPTO.tmp"
    "$BIN/cryptogen" generate --config="$ROOT/network/crypto-config.yaml" --output="$CRYPTO.tmp" >/dev/null \
      || die "cryptogen failed"
    mv "$CRYPTO.tmp" "$CRYPTO"
  fi
  log "creating the Fabric CAs (once)"
  for name in $(nodes_of_kind ca); do ca_init "$name"; done
  if [[ ! -f $WORK/$CHANNEL.block ]]; then
    for msp in $(org_ids); do ca_into_org_msp "$msp"; done
    log "creating the genesis block of channel '$CHANNEL' (configtxgen)"
    # configtxgen resolves configtx.yaml's relative MSP and TLS paths against the file's directory.
    if [[ $TRACE_FABRIC_VERSION == 2.* ]]; then
      sed '/^# --- Fabric v3 only below/,$d' "$ROOT/network/configtx.yaml" >"$WORK/configtx.yaml"
    else
      cp "$ROOT/network/configtx.yaml" "$WORK/configtx.yaml"
    fi
    FABRIC_CFG_PATH=$WORK "$BIN/configtxgen" -profile "$(channel_profile)" -channelID "$CHANNEL" \
      -outputBlock "$WORK/$CHANNEL.block" 2>"$WORK/configtxgen.log" \
      || { cat "$WORK/configtxgen.log" >&2; die "configtxgen failed"; }
  fi
  write_topology
  log "starting orderers, peers and CAs (Fabric $TRACE_FABRIC_VERSION, $TRACE_NETWORK_PROFILE ordering)"
  for name in $(nodes_of_kind ca); do write_ca_env "$name"; start_node "$name"; done
  for name in $(nodes_of_kind orderer); do write_orderer_env "$name"; start_node "$name"; done
  for name in $(nodes_of_kind peer); do write_peer_env "$name"; start_node "$name"; done
  log "waiting for /healthz (a CA: /cainfo; up to ${WAIT}s each)"
  for name in $(node_names); do wait_healthy "$name"; done
  if [[ -f $ROOT/dist/scripts/fabric-enroll.js ]]; then
    network_enroll
  else
    log "skipping enrolment: dist/scripts/fabric-enroll.js missing (npm run build, then ./test-network.sh enroll)"
  fi
  log "network up in $((SECONDS - t0)) s; work dir $WORK"
}

# topology.json: the nodes this script runs, for scripts/fabric-enroll.ts (connection.json) and tools.
write_topology() {
  local msp domain p first_org=1 first_peer
  {
    printf '{\n  "channel": "%s",\n  "chaincode": "%s",\n  "orgs": [' "$CHANNEL" "$CC_NAME"
    for msp in $(org_ids); do
      domain=$(org_field "$msp" 1)
      ((first_org)) || printf ','
      first_org=0
      printf '\n    { "mspId": "%s", "domain": "%s", "peers": [' "$msp" "$domain"
      first_peer=1
      for p in $(peers_of_org "$msp"); do
        ((first_peer)) || printf ','
        first_peer=0
        printf '\n      { "name": "%s", "host": "%s", "endpoint": "127.0.0.1:%s" }' "$p" "$(node_host "$p")" "$(node_port "$p")"
      done
      printf ' ] }'
    done
    printf '\n  ],\n  "orderer": { "mspId": "%s", "domain": "%s", "nodes": [' "$TRACE_ORDERER_MSP" "$TRACE_ORDERER_DOMAIN"
    first_peer=1
    for p in $(nodes_of_kind orderer); do
      ((first_peer)) || printf ','
      first_peer=0
      printf '\n    { "name": "%s", "host": "%s", "endpoint": "127.0.0.1:%s" }' "$p" "$(node_host "$p")" "$(node_port "$p")"
    done
    printf ' ] }\n}\n'
  } >"$WORK/topology.json"
}

network_create_channel() {
  local t0=$SECONDS name msp
  require_running
  [[ -f $WORK/$CHANNEL.block ]] || die "no genesis block $WORK/$CHANNEL.block (run ./test-network.sh up)"
  log "joining orderers to '$CHANNEL' (channel participation API)"
  local out
  for name in $(nodes_of_kind orderer); do
    # osnadmin exits 0 whatever the HTTP status: the verdict is its "Status: NNN" line.
    out=$(osnadmin_cmd "$name" list --channelID "$CHANNEL" 2>&1) || die "osnadmin cannot reach $name: $out"
    if [[ $out == "Status: 200"* ]]; then
      log "  $name already a member"
    else
      out=$(osnadmin_cmd "$name" join --channelID "$CHANNEL" --config-block "$WORK/$CHANNEL.block" 2>&1) || true
      [[ $out == "Status: 201"* ]] || die "osnadmin join failed on $name: $out"
      log "  $name joined"
    fi
  done
  log "waiting for the ordering service"
  for name in $(nodes_of_kind orderer); do
    wait_for "$WAIT" "$name is an active consenter" orderer_active "$name" \
      || die "$name is not an active consenter of '$CHANNEL' after ${WAIT}s (./test-network.sh logs $name)"
  done
  if [[ $TRACE_NETWORK_PROFILE == raft ]]; then
    wait_for "$WAIT" "Raft leader elected" raft_has_leader || die "no Raft leader for '$CHANNEL' after ${WAIT}s (./test-network.sh logs orderer1)"
  fi
  log "joining peers to '$CHANNEL'"
  for name in $(nodes_of_kind peer); do
    msp=$(node_field "$name" 2)
    if as_admin "$msp" "$name" peer channel list 2>/dev/null | grep -qx "$CHANNEL"; then
      log "  $name already joined"
    else
      as_admin "$msp" "$name" peer channel join -b "$WORK/$CHANNEL.block" >/dev/null 2>"$WORK/logs/cli.log" \
        || { cat "$WORK/logs/cli.log" >&2; die "$name could not join '$CHANNEL'"; }
      log "  $name joined"
    fi
  done
  log "channel '$CHANNEL' ready in $((SECONDS - t0)) s"
}

# orderer_active NAME: the channel participation API reports NAME as an active consenter of the channel.
orderer_active() {
  local out
  out=$(osnadmin_cmd "$1" list --channelID "$CHANNEL" 2>&1) || return 1
  grep -q '"status": *"active"' <<<"$out" && grep -q '"consensusRelation": *"consenter"' <<<"$out"
}

raft_has_leader() {
  local name
  for name in $(nodes_of_kind orderer); do
    # etcdraft logs "Raft leader changed: 0 -> N channel=trace node=M" once a leader is elected.
    grep -qE "Raft leader changed: [0-9]+ -> [1-9]" "$(log_file "$name")" && return 0
  done
  return 1
}

require_running() {
  local name missing=()
  for name in $(node_names); do [[ -n $(pid_of "$name") ]] || missing+=("$name"); done
  ((${#missing[@]} == 0)) || die "not running: ${missing[*]} (run ./test-network.sh up)"
  require_fabric
}

# Deterministic tarballs (fixed mtime, owner, order; gzip without a timestamp) keep the package
# ID stable across deployCC runs, so a redeploy needs no new chaincode definition.
det_tar() { local out=$1 dir=$2; shift 2; tar -C "$dir" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --mode=u=rw,go=r -cf - "$@" | gzip -n >"$out"; }

package_chaincode() {
  local pkg=$WORK/chaincode
  rm -rf "$pkg" && mkdir -p "$pkg/src" "$pkg/pkg"
  printf '{"address":"127.0.0.1:%s","dial_timeout":"10s","tls_required":false}\n' "$TRACE_CC_PORT" >"$pkg/src/connection.json"
  det_tar "$pkg/pkg/code.tar.gz" "$pkg/src" connection.json
  printf '{"type":"ccaas","label":"%s"}\n' "$CC_LABEL" >"$pkg/pkg/metadata.json"
  det_tar "$pkg/$CC_NAME.tgz" "$pkg/pkg" metadata.json code.tar.gz
  echo "$pkg/$CC_NAME.tgz"
}

# js EXPR: evaluate EXPR with the JSON on stdin bound to `d` (node is here anyway; jq may not be).
js() { node -e "let s='';process.stdin.on('data',c=>s+=c).on('end',()=>{const d=JSON.parse(s||'null');const r=($1);if(r!==undefined)console.log(typeof r==='string'?r:JSON.stringify(r))})"; }

start_chaincode_server() {
  local pkgid=$1 name=chaincode pid
  # Always a fresh server: the package ID of a CCaaS package names only its connection.json, so after a
  # rebuild it is unchanged and the running server would go on serving the old code.
  pid=$(pid_of "$name")
  [[ -n $pid ]] && stop_node "$name"
  if [[ $CC_MODULE == "$ROOT/chaincode" && ! -f $ROOT/dist/chaincode/src/index.js ]]; then
    die "dist/chaincode/src/index.js missing: run 'npm run build' first (or set TRACE_CHAINCODE_MODULE)"
  fi
  [[ -f $CC_MODULE/package.json ]] || die "chaincode module $CC_MODULE has no package.json"
  port_free "$TRACE_CC_PORT" || die "port $TRACE_CC_PORT for the chaincode server is taken"
  mkdir -p "$WORK/nodes/$name" "$WORK/pids" "$WORK/logs"
  echo "$pkgid" >"$WORK/nodes/$name/pkgid"
  # NODE_PATH lets a contract kept outside the checkout (TRACE_CHAINCODE_MODULE) resolve fabric-contract-api.
  (cd "$ROOT" && NODE_PATH=$ROOT/node_modules exec setsid node node_modules/.bin/fabric-chaincode-node server \
    --chaincode-address "127.0.0.1:$TRACE_CC_PORT" --chaincode-id "$pkgid" --module-path "$CC_MODULE") \
    >>"$(log_file "$name")" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$(pid_file "$name")"
  echo "fabric-chaincode-node" >"$(pid_file "$name").cmd"
  wait_for "$WAIT" "chaincode server listening on 127.0.0.1:$TRACE_CC_PORT (pid $pid)" port_open "$TRACE_CC_PORT" \
    || { tail -n 30 "$(log_file "$name")" >&2; die "chaincode server did not listen on $TRACE_CC_PORT within ${WAIT}s"; }
  [[ -n $(pid_of "$name") ]] || { tail -n 30 "$(log_file "$name")" >&2; die "chaincode server exited"; }
}

# has_package PEER PKGID: PEER lists PKGID among its installed chaincode packages.
has_package() {
  as_admin "$(node_field "$1" 2)" "$1" peer lifecycle chaincode queryinstalled -O json 2>/dev/null | grep -qF "\"$2\""
}

# Endorsement flags naming one peer of each organisation.
endorser_flags() {
  local msp p
  for msp in $(org_ids); do
    p=$(org_field "$msp" 2)
    printf -- '--peerAddresses 127.0.0.1:%s --tlsRootCertFiles %s ' "$(node_port "$p")" "$(org_tlsca "$msp")"
  done
}

network_deploy_cc() {
  local t0=$SECONDS tgz pkgid name msp seq committed approved ready
  require_running
  log "packaging '$CC_NAME' as a chaincode service (label $CC_LABEL, address 127.0.0.1:$TRACE_CC_PORT)"
  tgz=$(package_chaincode)
  # Like every peer CLI call, calculatepackageid reads core.yaml.
  pkgid=$(FABRIC_CFG_PATH=$FABRIC_CFG "$BIN/peer" lifecycle chaincode calculatepackageid "$tgz") \
    || die "peer lifecycle chaincode calculatepackageid failed for $tgz"
  log "  package ID $pkgid"
  log "installing on every peer"
  for name in $(nodes_of_kind peer); do
    msp=$(node_field "$name" 2)
    if has_package "$name" "$pkgid"; then
      log "  $name has it already"
    else
      as_admin "$msp" "$name" peer lifecycle chaincode install "$tgz" >/dev/null 2>"$WORK/logs/cli.log" \
        || { cat "$WORK/logs/cli.log" >&2; die "install failed on $name"; }
      log "  installed on $name"
    fi
  done
  # A peer waits chaincode.startuptimeout for a server registering under the wrong ID, so the ID the
  # server is given is checked against what every peer reports installed, not assumed.
  for name in $(nodes_of_kind peer); do
    has_package "$name" "$pkgid" || die "$name does not report package $pkgid as installed"
  done
  log "starting the chaincode server"
  start_chaincode_server "$pkgid"

  committed=$(as_admin ProducersMSP "" peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" -O json 2>/dev/null || echo null)
  seq=$(echo "$committed" | js "d&&d.sequence||0")
  approved=$(as_admin ProducersMSP "" peer lifecycle chaincode queryapproved -C "$CHANNEL" -n "$CC_NAME" -O json 2>/dev/null || echo null)
  if [[ $seq -gt 0 && $(echo "$committed" | js "d.version") == "$CC_VERSION" ]] \
    && [[ $(echo "$approved" | js "d&&d.sequence||0") == "$seq" ]] && grep -qF "\"$pkgid\"" <<<"$approved"; then
    log "definition $CC_NAME $CC_VERSION (sequence $seq) already committed with this package"
  else
    seq=$((seq + 1))
    log "approving $CC_NAME $CC_VERSION sequence $seq for each organisation"
    for msp in $(org_ids); do
      # Re-approving an unchanged definition is an error, so an approval left by an interrupted run is kept.
      if as_admin "$msp" "" peer lifecycle chaincode queryapproved -C "$CHANNEL" -n "$CC_NAME" --sequence "$seq" -O json 2>/dev/null \
        | grep -qF "\"$pkgid\""; then
        log "  $msp approved already"
        continue
      fi
      retry 5 as_admin "$msp" "" peer lifecycle chaincode approveformyorg -o "$ORDERER_ENDPOINT" --tls --cafile "$ORDERER_CA" \
        -C "$CHANNEL" -n "$CC_NAME" -v "$CC_VERSION" --sequence "$seq" --package-id "$pkgid" \
        --signature-policy "$CC_POLICY" --waitForEventTimeout 20s \
        || die "approveformyorg failed for $msp (see $WORK/logs/cli.log)"
      log "  approved by $msp"
    done
    # Each approval was committed on its own org's peer; the peer asked here may see it a block later.
    if ! wait_for "$WAIT" "every organisation's approval visible on $(org_field ProducersMSP 2)" commit_ready "$seq"; then
      die "not every organisation approved after ${WAIT}s: $(commit_readiness "$seq")"
    fi
    log "committing the definition (endorsed by a peer of each organisation)"
    # shellcheck disable=SC2046 # endorser_flags is a list of flags, split on purpose
    retry 3 as_admin ProducersMSP "" peer lifecycle chaincode commit -o "$ORDERER_ENDPOINT" --tls --cafile "$ORDERER_CA" \
      -C "$CHANNEL" -n "$CC_NAME" -v "$CC_VERSION" --sequence "$seq" --signature-policy "$CC_POLICY" \
      $(endorser_flags) --waitForEventTimeout 20s || die "commit failed (see $WORK/logs/cli.log)"
  fi
  log "waiting until every peer runs the chaincode"
  for name in $(nodes_of_kind peer); do
    wait_for "$WAIT" "$name answers" as_admin "$(node_field "$name" 2)" "$name" \
      peer chaincode query -C "$CHANNEL" -n "$CC_NAME" -c '{"Args":["org.hyperledger.fabric:GetMetadata"]}' \
      || die "$name cannot run '$CC_NAME' after ${WAIT}s (./test-network.sh logs $name; ./test-network.sh logs chaincode)"
  done
  [[ -f $ROOT/dist/scripts/fabric-ready.js ]] || die "dist/scripts/fabric-ready.js missing: run 'npm run build' first"
  [[ -f $WORK/connection.json ]] || network_enroll
  log "waiting until a submit from every organisation is endorsed through discovery"
  node "$ROOT/dist/scripts/fabric-ready.js" --network-dir "$WORK" --timeout "$((WAIT + 30))" \
    || die "cross-organisation endorsement through discovery still fails (./test-network.sh logs peer0.producers)"
  log "chaincode '$CC_NAME' deployed in $((SECONDS - t0)) s"
}

commit_readiness() {
  as_admin ProducersMSP "" peer lifecycle chaincode checkcommitreadiness -C "$CHANNEL" -n "$CC_NAME" \
    -v "$CC_VERSION" --sequence "$1" --signature-policy "$CC_POLICY" -O json 2>/dev/null \
    | js "Object.values(d.approvals).every(Boolean)?'yes':JSON.stringify(d.approvals)"
}
commit_ready() { [[ $(commit_readiness "$1") == yes ]]; }

# retry TIMES COMMAND...: run COMMAND until it succeeds, 1 s apart (a Raft leader change or a
# peer still catching up on blocks fails a transaction transiently). stderr goes to cli.log.
retry() {
  local times=$1 i
  shift
  for ((i = 1; i <= times; i++)); do
    "$@" >/dev/null 2>"$WORK/logs/cli.log" && return 0
    ((i < times)) && sleep 1
  done
  cat "$WORK/logs/cli.log" >&2
  return 1
}

# The ordering settings in force on the channel, as JSON on stdout: read from its latest config block, so a
# benchmark reports what the orderers really use, not what configtx.yaml said at creation.
network_batching() {
  require_running
  local tmp
  tmp=$(mktemp -d)
  as_admin ProducersMSP "" peer channel fetch config "$tmp/config.pb" -o "$ORDERER_ENDPOINT" --tls --cafile "$ORDERER_CA" \
    -c "$CHANNEL" >/dev/null 2>"$WORK/logs/cli.log" || { cat "$WORK/logs/cli.log" >&2; rm -rf "$tmp"; die "could not fetch the config block"; }
  "$BIN/configtxlator" proto_decode --input "$tmp/config.pb" --type common.Block --output "$tmp/config.json" \
    || { rm -rf "$tmp"; die "configtxlator could not decode the config block"; }
  js "(()=>{const o=d.data.data[0].payload.data.config.channel_group.groups.Orderer.values;
    const b=o.BatchSize.value, c=o.ConsensusType.value;
    return {ordererType:c.type, maxMessageCount:b.max_message_count, preferredMaxBytes:b.preferred_max_bytes,
      absoluteMaxBytes:b.absolute_max_bytes, batchTimeout:o.BatchTimeout.value.timeout,
      consensus:c.metadata&&c.metadata.options||c.metadata||null};})()" <"$tmp/config.json"
  rm -rf "$tmp"
}

network_enroll() {
  local name
  [[ -f $ROOT/dist/scripts/fabric-enroll.js ]] || die "dist/scripts/fabric-enroll.js missing: run 'npm run build' first"
  for name in $(nodes_of_kind ca); do [[ -n $(pid_of "$name") ]] || die "$name is not running (./test-network.sh start $name)"; done
  log "enrolling the demo users with trace.role at their organisation's Fabric CA into $WORK/wallet"
  ca_enroll_demo_users "$WORK/wallet"
  log "writing $WORK/connection.json"
  node "$ROOT/dist/scripts/fabric-enroll.js" --network-dir "$WORK" >&2 || die "writing connection.json failed"
}

network_register() {
  local msp=$1 user=$2 role=$3 wallet=${TRACE_WALLET_DIR:-$WORK/wallet}
  org_field "$msp" 0 >/dev/null
  [[ $user =~ ^[A-Za-z0-9._-]+$ ]] || die "user name '$user' may hold only letters, digits, '.', '_' and '-'"
  if ca_issue_user "$msp" "$user" "$role" "$wallet"; then
    log "$msp/$user enrolled at $(ca_of_org "$msp") with trace.role=$role into $wallet"
  else
    log "$msp/$user is in $wallet already"
  fi
}

network_revoke() {
  local t0=$SECONDS msp=$1 user=$2
  org_field "$msp" 0 >/dev/null
  require_running
  log "revoking $msp/$user"
  ca_revoke "$msp" "$user"
  log "$msp/$user revoked on every peer in $((SECONDS - t0)) s"
}

network_down() {
  local name
  log "stopping every process this network started"
  # shellcheck disable=SC2046 # node names are single words
  stop_nodes chaincode $(node_names)
  local left=()
  for name in chaincode $(node_names); do [[ -z $(pid_of "$name") ]] || left+=("$name"); done
  ((${#left[@]} == 0)) || die "still running: ${left[*]}"
  rm -rf "$WORK"
  log "network down; removed $WORK"
}

network_status() {
  local name pid health
  printf '%-18s %-8s %-7s %s\n' NODE PID HEALTH ENDPOINT
  for name in $(node_names); do
    pid=$(pid_of "$name")
    health=-
    [[ -n $pid ]] && { healthy "$name" && health=OK || health=FAIL; }
    printf '%-18s %-8s %-7s 127.0.0.1:%s\n' "$name" "${pid:-down}" "$health" "$(node_port "$name")"
  done
  pid=$(pid_of chaincode)
  printf '%-18s %-8s %-7s 127.0.0.1:%s\n' chaincode "${pid:-down}" - "$TRACE_CC_PORT"
}

network_logs() {
  if [[ $# -eq 0 ]]; then
    ls -l "$WORK/logs" 2>/dev/null || die "no logs in $WORK/logs"
  else
    [[ -f $(log_file "$1") ]] || die "no log for '$1' (names: $(node_names | tr '\n' ' ')chaincode)"
    tail -n "${TRACE_LOG_LINES:-200}" "$(log_file "$1")"
  fi
}

usage() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"
  exit "${1:-0}"
}

main() {
  local verb=${1:-}
  [[ $# -gt 0 ]] && shift
  case $verb in
    up) network_up ;;
    createChannel) network_create_channel ;;
    deployCC) network_deploy_cc ;;
    enroll) require_fabric; network_enroll ;;
    register) [[ $# -eq 3 ]] || usage 1; require_fabric; network_register "$@" ;;
    revoke) [[ $# -eq 2 ]] || usage 1; network_revoke "$@" ;;
    batching) network_batching ;;
    down) fabric_home; network_down ;;
    status) fabric_home; network_status ;;
    logs) network_logs "$@" ;;
    stop) [[ $# -eq 1 ]] || usage 1; fabric_home; stop_node "$1" ;;
    kill) [[ $# -eq 1 ]] || usage 1; fabric_home; kill_node "$1" ;;
    start)
      [[ $# -eq 1 ]] || usage 1
      require_fabric
      if [[ $1 == chaincode ]]; then
        [[ -f $WORK/nodes/chaincode/pkgid ]] || die "the chaincode was never deployed (./test-network.sh deployCC)"
        start_chaincode_server "$(<"$WORK/nodes/chaincode/pkgid")"
      else
        node_field "$1" 0 >/dev/null
        start_node "$1"
        wait_healthy "$1"
      fi
      ;;
    env) [[ $# -eq 1 ]] || usage 1; fabric_home; admin_env "$1" ;;
    -h | --help | help) usage 0 ;;
    *) usage 1 ;;
  esac
}

# Sourcing the script (for tests) defines the functions without running a verb.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then main "$@"; fi
