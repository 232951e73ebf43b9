#!/usr/bin/env bash
# End-to-end proof of the native Fabric test network, timed:
#   up → createChannel → deployCC; a transaction endorsed by ProducersMSP and BrandsMSP and committed
#   (--waitForEvent); a query on LogisticsMSP's peer; one orderer stopped (Raft keeps ordering with 2 of 3);
#   a peer stopped and restarted (it catches up to the others' height); down, and no process left.
#
# The transaction defaults to the contract API's own `org.hyperledger.fabric:GetMetadata`, which every
# fabric-contract-api chaincode answers, so the proof needs nothing of Trace's contract; set
# TRACE_SMOKE_INVOKE / TRACE_SMOKE_QUERY to JSON `{"Args":[...]}` to use real functions.
# Leaves the network up when a step fails (inspect with ./test-network.sh status|logs), unless
# TRACE_SMOKE_KEEP=0.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NET=$ROOT/test-network.sh
INVOKE=${TRACE_SMOKE_INVOKE:-'{"Args":["org.hyperledger.fabric:GetMetadata"]}'}
QUERY=${TRACE_SMOKE_QUERY:-'{"Args":["org.hyperledger.fabric:GetMetadata"]}'}

# shellcheck source=./test-network.sh
source "$NET"

say() { printf '[smoke] %s\n' "$*" >&2; }
step() {
  local what=$1 t0=$SECONDS
  shift
  "$@"
  say "$what: $((SECONDS - t0)) s"
}
on_exit() {
  local rc=$?
  if ((rc != 0)); then
    say "FAILED (exit $rc)"
    if [[ ${TRACE_SMOKE_KEEP:-1} == 0 ]]; then
      "$NET" down
    else
      say "network left up for inspection: $NET status; $NET down"
    fi
  fi
}
trap on_exit EXIT

peer_flags() {
  local p
  for p in "$@"; do
    printf -- '--peerAddresses 127.0.0.1:%s --tlsRootCertFiles %s ' "$(node_port "$p")" "$(org_tlsca "$(node_field "$p" 2)")"
  done
}

# invoke_two_orgs ORDERER: a transaction endorsed by ProducersMSP and BrandsMSP, ordered through ORDERER,
# waited for until committed. Retried: a Raft election after a stopped leader refuses submissions briefly.
invoke_two_orgs() {
  local out i
  for ((i = 1; i <= 5; i++)); do
    # shellcheck disable=SC2046 # a list of flags
    if out=$(as_admin ProducersMSP peer0.producers peer chaincode invoke -o "127.0.0.1:$(node_port "$1")" --tls \
      --cafile "$ORDERER_CA" -C "$CHANNEL" -n "$CC_NAME" $(peer_flags peer0.producers peer0.brands) -c "$INVOKE" \
      --waitForEvent --waitForEventTimeout 20s 2>&1) && [[ $out == *status:200* ]]; then
      return 0
    fi
    sleep 2
  done
  printf '%s\n' "$out" >&2
  die "invoke through $1 endorsed by ProducersMSP+BrandsMSP did not commit"
}

height() {
  as_admin "$(node_field "$1" 2)" "$1" peer channel getinfo -c "$CHANNEL" 2>/dev/null | sed -n 's/.*"height":\([0-9]*\).*/\1/p'
}
same_height() { local a b; a=$(height "$1"); b=$(height "$2"); [[ -n $a && $a == "$b" ]]; }

main_smoke() {
  local t0=$SECONDS
  step "up" "$NET" up
  step "createChannel" "$NET" createChannel
  step "deployCC" "$NET" deployCC
  say "up → deployCC: $((SECONDS - t0)) s"
  require_fabric

  step "invoke endorsed by ProducersMSP + BrandsMSP, committed" invoke_two_orgs orderer1
  step "query on peer0.logistics" as_admin LogisticsMSP peer0.logistics \
    peer chaincode query -C "$CHANNEL" -n "$CC_NAME" -c "$QUERY" >/dev/null

  say "stopping orderer3: Raft must keep ordering with 2 of 3"
  stop_node orderer3
  step "invoke with orderer3 down" invoke_two_orgs orderer2
  step "orderer3 restarted" "$NET" start orderer3

  say "stopping peer1.producers, committing while it is down, restarting it"
  stop_node peer1.producers
  invoke_two_orgs orderer1
  step "peer1.producers restarted" "$NET" start peer1.producers
  wait_for "$WAIT" "peer1.producers caught up to peer0.producers (height $(height peer0.producers))" \
    same_height peer1.producers peer0.producers || die "peer1.producers did not catch up within ${WAIT}s"
  step "query on peer1.producers" as_admin ProducersMSP peer1.producers \
    peer chaincode query -C "$CHANNEL" -n "$CC_NAME" -c "$QUERY" >/dev/null

  step "down" "$NET" down
  if pgrep -f -- "$BIN/(peer|orderer)|fabric-chaincode-node server" >/dev/null; then
    pgrep -af -- "$BIN/(peer|orderer)|fabric-chaincode-node server" >&2
    die "processes left after down"
  fi
  say "PASS: nothing left running; total $((SECONDS - t0)) s"
}

main_smoke
