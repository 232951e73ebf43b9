# shellcheck shell=bash disable=SC2034 # read by test-network.sh, which sources this file
# The Trace test network's nodes and organisations, sourced by test-network.sh. Ports follow the
# scheme in network/README.md; configtx.yaml repeats the orderer and anchor-peer ports.

# Organisations: MSP ID, cryptogen domain, the peer that answers for the org (anchor, approvals).
TRACE_ORGS=(
  "ProducersMSP producers.trace.local peer0.producers"
  "BrandsMSP brands.trace.local peer0.brands"
  "LogisticsMSP logistics.trace.local peer0.logistics"
)
TRACE_ORDERER_MSP=OrdererMSP
TRACE_ORDERER_DOMAIN=trace.local

# Nodes: name, kind, MSP ID, port base. A node uses base (gRPC; a CA: its REST API over TLS), base+1 (orderer:
# admin API, peer: chaincode callbacks) and base+2 (operations: /healthz, /metrics).
TRACE_NODES=(
  "orderer1 orderer OrdererMSP 7010"
  "orderer2 orderer OrdererMSP 7020"
  "orderer3 orderer OrdererMSP 7030"
  "peer0.producers peer ProducersMSP 7110"
  "peer1.producers peer ProducersMSP 7120"
  "peer0.brands peer BrandsMSP 7130"
  "peer0.logistics peer LogisticsMSP 7140"
  # One Fabric CA per organisation issues its users (network/ca.sh); cryptogen makes node and admin identities.
  "ca.producers ca ProducersMSP 7210"
  "ca.brands ca BrandsMSP 7220"
  "ca.logistics ca LogisticsMSP 7230"
)
# Intermediate CAs: name, its offline root, the root's port base. The root runs only inside the first `up`, long
# enough to sign the intermediate's certificate, and never during normal operation.
TRACE_CA_ROOTS=(
  "ca.producers rootca.producers 7250"
)
# SmartBFT needs 3f+1 nodes to tolerate f faults: a fourth orderer makes f = 1.
if [[ ${TRACE_NETWORK_PROFILE:-bft} == bft ]]; then TRACE_NODES+=("orderer4 orderer OrdererMSP 7040"); fi

# The chaincode-as-a-service server every peer dials.
TRACE_CC_PORT=7190
