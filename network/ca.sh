# shellcheck shell=bash
# Fabric CA for the Trace test network, sourced by test-network.sh (which defines WORK, CRYPTO, BIN, CA_BIN, the
# node table helpers, log/die/wait_for, as_admin and js). Design and trust chain: network/README.md, "Identities".
#
# Each application organisation has one Fabric CA server (a node of kind `ca` in network/nodes.sh) that issues its
# users, with `trace.role` in their enrolment certificates. cryptogen still issues node identities and org admins,
# so each org MSP in the channel trusts two roots: cryptogen's CA and the Fabric CA chain. ca.producers is an
# intermediate CA: its root (TRACE_CA_ROOTS) runs only inside `up`, to sign the intermediate once, and never again.
#
# Layout in the work dir: ca/<name>/server (the server's home: keys, SQLite registry, config),
# ca/<name>/registrar (fabric-ca-client home of the CA's bootstrap registrar), ca/<name>/registrar.secret.

CA_HOSTS=127.0.0.1,localhost
CA_REGISTRAR=registrar

ca_dir() { echo "$WORK/ca/$1"; }
ca_port() { node_port "$1"; }
ca_url() { echo "https://127.0.0.1:$(ca_port "$1")"; }
# ca_trust NAME: what a client trusts for NAME's TLS certificate, which the server issued itself: its chain (an
# intermediate's ca-chain.pem holds the intermediate and the root) or its self-signed certificate.
ca_trust() {
  local s
  s=$(ca_dir "$1")/server
  if [[ -f $s/ca-chain.pem ]]; then echo "$s/ca-chain.pem"; else echo "$s/ca-cert.pem"; fi
}
ca_of_org() {
  local n f
  for n in "${TRACE_NODES[@]}"; do
    read -r -a f <<<"$n"
    [[ ${f[1]} == ca && ${f[2]} == "$1" ]] && { echo "${f[0]}"; return 0; }
  done
  die "no Fabric CA for organisation '$1' in network/nodes.sh"
}
# ca_root_of NAME: the offline root CA of intermediate CA NAME, or nothing for a root CA.
ca_root_of() { table_field TRACE_CA_ROOTS "$1" 1 || true; }
secret() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }

# ca_answers NAME: NAME's /cainfo answers over TLS, verified against its own chain (readiness check).
ca_answers() { curl -fsS -m 2 --cacert "$(ca_trust "$1")" "$(ca_url "$1")/cainfo" 2>/dev/null | grep -q '"success":true'; }

# Flags every start of a CA server gets: the server writes its TLS certificate at first start from csr.hosts,
# which an intermediate's `init` does not keep in its config file.
ca_start_flags() { echo "--address 127.0.0.1 --port $1 --tls.enabled --csr.hosts $CA_HOSTS"; }

write_ca_env() {
  local name=$1 data=$WORK/nodes/$1
  mkdir -p "$data"
  cat >"$data/env" <<EOF
FABRIC_CA_SERVER_HOME=$(ca_dir "$name")/server
FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS=127.0.0.1:$(node_port "$name" 2)
EOF
  echo "$CA_BIN/fabric-ca-server start $(ca_start_flags "$(ca_port "$name")")" >"$data/cmd"
}

# ca_sign_intermediate NAME ROOT PORT: create ROOT, run it just long enough for NAME's `init` to enrol with it
# (which signs NAME's CA certificate), then stop it. ROOT's key stays in ca/ROOT/server: in production it would
# now go to offline storage; the network never starts ROOT again.
ca_sign_intermediate() {
  local name=$1 root=$2 port=$3 rdir pid secret_root deadline
  rdir=$(ca_dir "$root")
  secret_root=$(secret)
  port_free "$port" && port_free "$((port + 2))" || die "port $port or $((port + 2)) for the offline root $root is taken"
  mkdir -p "$rdir/server" "$WORK/logs"
  # The root's only identity is the one the intermediate enrols as; its name becomes the intermediate's CN.
  # shellcheck disable=SC2046 # flags, split on purpose
  (FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS=127.0.0.1:$((port + 2)) exec setsid "$CA_BIN/fabric-ca-server" start \
    -H "$rdir/server" -b "$name.$TRACE_ORDERER_DOMAIN:$secret_root" --csr.cn "$root.$TRACE_ORDERER_DOMAIN" \
    $(ca_start_flags "$port")) >>"$WORK/logs/$root.log" 2>&1 </dev/null &
  pid=$!
  deadline=$((SECONDS + WAIT))
  until curl -fsS -m 2 --cacert "$rdir/server/ca-cert.pem" "https://127.0.0.1:$port/cainfo" >/dev/null 2>&1; do
    [[ -d /proc/$pid ]] || { tail -n 20 "$WORK/logs/$root.log" >&2; die "offline root $root exited during start-up"; }
    ((SECONDS < deadline)) || { kill "$pid"; die "offline root $root did not answer within ${WAIT}s"; }
    sleep 0.1
  done
  "$CA_BIN/fabric-ca-server" init -H "$(ca_dir "$name")/server" -b "$CA_REGISTRAR:$(<"$(ca_dir "$name")/registrar.secret")" \
    -u "https://$name.$TRACE_ORDERER_DOMAIN:$secret_root@127.0.0.1:$port" --intermediate.tls.certfiles "$rdir/server/ca-cert.pem" \
    --csr.hosts "$CA_HOSTS" >>"$WORK/logs/$name.log" 2>&1 || { kill "$pid"; die "intermediate CA $name could not enrol with $root (log: $WORK/logs/$name.log)"; }
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  log "  $name: intermediate CA signed by $root (pid $pid), which is stopped for good"
}

# ca_init NAME: create NAME's CA (keys, certificate, registry with one registrar) unless it exists.
ca_init() {
  local name=$1 dir root
  dir=$(ca_dir "$name")
  [[ -f $dir/server/ca-cert.pem ]] && return 0
  mkdir -p "$dir/server" "$WORK/logs"
  chmod 0700 "$WORK/ca"
  (umask 077 && secret >"$dir/registrar.secret")
  root=$(ca_root_of "$name")
  if [[ -n $root ]]; then
    ca_sign_intermediate "$name" "$root" "$(table_field TRACE_CA_ROOTS "$name" 2)"
  else
    "$CA_BIN/fabric-ca-server" init -H "$dir/server" -b "$CA_REGISTRAR:$(<"$dir/registrar.secret")" \
      --csr.cn "$name.$TRACE_ORDERER_DOMAIN" --csr.hosts "$CA_HOSTS" >>"$WORK/logs/$name.log" 2>&1 \
      || die "fabric-ca-server init failed for $name (log: $WORK/logs/$name.log)"
    log "  $name: root CA created"
  fi
}

# ca_into_org_msp MSP: make the organisation's channel MSP (configtx.yaml's MSPDir) trust its Fabric CA chain
# beside cryptogen's CA, and classify identities by NodeOU alone. cryptogen's config.yaml ties each NodeOU to its
# own CA certificate, so a user of the Fabric CA would match no OU and, NodeOUs being on, be no valid member.
ca_into_org_msp() {
  local msp=$1 ca root msp_dir
  ca=$(ca_of_org "$msp")
  msp_dir=$CRYPTO/peerOrganizations/$(org_field "$msp" 1)/msp
  root=$(ca_root_of "$ca")
  if [[ -n $root ]]; then
    cp "$(ca_dir "$root")/server/ca-cert.pem" "$msp_dir/cacerts/$root.pem"
    mkdir -p "$msp_dir/intermediatecerts"
    cp "$(ca_dir "$ca")/server/ca-cert.pem" "$msp_dir/intermediatecerts/$ca.pem"
  else
    cp "$(ca_dir "$ca")/server/ca-cert.pem" "$msp_dir/cacerts/$ca.pem"
  fi
  cat >"$msp_dir/config.yaml" <<EOF
NodeOUs:
  Enable: true
  ClientOUIdentifier: { OrganizationalUnitIdentifier: client }
  PeerOUIdentifier: { OrganizationalUnitIdentifier: peer }
  AdminOUIdentifier: { OrganizationalUnitIdentifier: admin }
  OrdererOUIdentifier: { OrganizationalUnitIdentifier: orderer }
EOF
}

# ca_client NAME ARGS...: fabric-ca-client as NAME's registrar (enrolled on first use), bounded in time.
ca_client() {
  local name=$1 dir
  shift
  dir=$(ca_dir "$name")
  if [[ ! -f $dir/registrar/msp/signcerts/cert.pem ]]; then
    timeout "$CLI_TIMEOUT" "$CA_BIN/fabric-ca-client" enroll -H "$dir/registrar" --tls.certfiles "$(ca_trust "$name")" \
      -u "https://$CA_REGISTRAR:$(<"$dir/registrar.secret")@127.0.0.1:$(ca_port "$name")" >/dev/null 2>&1 \
      || die "cannot enrol the registrar of $name at $(ca_url "$name") (./test-network.sh logs $name)"
  fi
  timeout "$CLI_TIMEOUT" "$CA_BIN/fabric-ca-client" "$@" -H "$dir/registrar" --tls.certfiles "$(ca_trust "$name")" -u "$(ca_url "$name")"
}

# ca_issue_user MSP NAME ROLE WALLET: register NAME at MSP's CA with trace.role=ROLE (in the enrolment certificate),
# enrol it and put its certificate and key in WALLET/MSP/NAME. A user already in WALLET is left as it is.
ca_issue_user() {
  local msp=$1 user=$2 role=$3 wallet=$4 ca pass out tmp dir
  dir=$wallet/$msp/$user
  [[ -s $dir/cert.pem && -s $dir/key.pem ]] && return 1
  ca=$(ca_of_org "$msp")
  pass=$(secret)
  if ! out=$(ca_client "$ca" register --id.name "$user" --id.secret "$pass" --id.type client \
    --id.attrs "trace.role=$role:ecert" 2>&1); then
    # Registered by an earlier run whose wallet is gone: give it a new secret and the role asked for.
    grep -q 'already registered' <<<"$out" || die "registering $user at $ca failed: $out"
    out=$(ca_client "$ca" identity modify "$user" --secret "$pass" --attrs "trace.role=$role:ecert" 2>&1) \
      || die "updating $user at $ca failed: $out"
  fi
  tmp=$(mktemp -d "$(ca_dir "$ca")/enroll.XXXXXX")
  # --enrollment.attrs makes the enrolment fail unless trace.role is really in the certificate.
  out=$(timeout "$CLI_TIMEOUT" "$CA_BIN/fabric-ca-client" enroll -H "$tmp" --tls.certfiles "$(ca_trust "$ca")" \
    -u "https://$user:$pass@127.0.0.1:$(ca_port "$ca")" --enrollment.attrs trace.role 2>&1) \
    || { rm -rf "$tmp"; die "enrolling $user at $ca failed: $out"; }
  mkdir -p "$dir"
  install -m 0600 "$tmp"/msp/keystore/*_sk "$dir/key.pem"
  install -m 0644 "$tmp/msp/signcerts/cert.pem" "$dir/cert.pem"
  rm -rf "$tmp"
  return 0
}

# ca_enroll_demo_users WALLET: every user of ledger/src/msp/demoOrgs.ts, each org's CA in parallel.
ca_enroll_demo_users() {
  local wallet=$1 msp users pids=() orgs=() i issued
  [[ -f $ROOT/dist/ledger/src/msp/demoOrgs.js ]] || die "dist/ledger/src/msp/demoOrgs.js missing: run 'npm run build' first"
  users=$(node -e "for (const o of require('$ROOT/dist/ledger/src/msp/demoOrgs.js').DEMO_ORGS) for (const u of o.users) console.log(o.mspId, u.name, u.role)")
  for msp in $(org_ids); do
    (
      issued=0
      while read -r m u r; do
        [[ $m == "$msp" ]] || continue
        if ca_issue_user "$m" "$u" "$r" "$wallet"; then issued=$((issued + 1)); fi
      done <<<"$users"
      log "  $msp: $issued enrolled at $(ca_of_org "$msp")"
    ) &
    pids+=($!) orgs+=("$msp")
  done
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || die "enrolment of ${orgs[$i]}'s users failed"; done
}

# --- revocation ------------------------------------------------------------------------------------

# config_block_number: the number of the channel's latest configuration block, from the orderer (the CLI logs it
# at INFO only).
config_block_number() {
  as_admin ProducersMSP "" env FABRIC_LOGGING_SPEC=info peer channel fetch config "$WORK/revoke/latest.pb" \
    -o "$ORDERER_ENDPOINT" -c "$CHANNEL" --tls --cafile "$ORDERER_CA" 2>&1 | sed -nE 's/.*Received block: ([0-9]+).*/\1/p' | tail -n 1
}
peer_height() {
  as_admin "$(node_field "$1" 2)" "$1" peer channel getinfo -c "$CHANNEL" 2>/dev/null | sed -nE 's/.*"height":([0-9]+).*/\1/p'
}
peer_past() { local h; h=$(peer_height "$1"); [[ -n $h ]] && ((h > $2)); }
config_past() { local n; n=$(config_block_number); [[ -n $n ]] && ((n > $1)); }

# channel_set_crl MSP CRL: replace MSP's revocation list in the channel configuration with CRL, then wait until
# every peer has the new configuration block. The org's MSP value is governed by the org's own Admins policy (the
# mod_policy configtxgen gives it), so the org's admin alone signs the update.
channel_set_crl() {
  local msp=$1 crl=$2 d=$WORK/revoke before after name
  rm -rf "$d" && mkdir -p "$d"
  as_admin "$msp" "" env FABRIC_LOGGING_SPEC=info peer channel fetch config "$d/config_block.pb" -o "$ORDERER_ENDPOINT" -c "$CHANNEL" \
    --tls --cafile "$ORDERER_CA" 2>"$d/fetch.log" || { cat "$d/fetch.log" >&2; die "cannot fetch the configuration of '$CHANNEL'"; }
  before=$(sed -nE 's/.*Received block: ([0-9]+).*/\1/p' "$d/fetch.log" | tail -n 1)
  "$BIN/configtxlator" proto_decode --input "$d/config_block.pb" --type common.Block --output "$d/config_block.json"
  CRL_B64=$(base64 -w0 "$crl") MSP_ID=$msp D=$d node -e '
    const fs = require("fs"); const d = process.env.D;
    const config = JSON.parse(fs.readFileSync(`${d}/config_block.json`, "utf8")).data.data[0].payload.data.config;
    fs.writeFileSync(`${d}/config.json`, JSON.stringify(config));
    const org = config.channel_group.groups.Application.groups[process.env.MSP_ID];
    if (!org) throw new Error(`${process.env.MSP_ID} is not an application organisation of the channel`);
    org.values.MSP.value.config.revocation_list = [process.env.CRL_B64];
    fs.writeFileSync(`${d}/modified.json`, JSON.stringify(config));'
  "$BIN/configtxlator" proto_encode --input "$d/config.json" --type common.Config --output "$d/config.pb"
  "$BIN/configtxlator" proto_encode --input "$d/modified.json" --type common.Config --output "$d/modified.pb"
  if ! "$BIN/configtxlator" compute_update --channel_id "$CHANNEL" --original "$d/config.pb" --updated "$d/modified.pb" \
    --output "$d/update.pb" 2>"$d/compute.log"; then
    grep -q 'no differences' "$d/compute.log" || { cat "$d/compute.log" >&2; die "configtxlator compute_update failed"; }
    log "  $msp's CRL in '$CHANNEL' is already this one"
    return 0
  fi
  "$BIN/configtxlator" proto_decode --input "$d/update.pb" --type common.ConfigUpdate --output "$d/update.json"
  D=$d CH=$CHANNEL node -e '
    const fs = require("fs"); const d = process.env.D;
    const update = JSON.parse(fs.readFileSync(`${d}/update.json`, "utf8"));
    fs.writeFileSync(`${d}/envelope.json`, JSON.stringify({ payload: {
      header: { channel_header: { channel_id: process.env.CH, type: 2 } }, data: { config_update: update } } }));'
  "$BIN/configtxlator" proto_encode --input "$d/envelope.json" --type common.Envelope --output "$d/envelope.pb"
  retry 3 as_admin "$msp" "" peer channel update -f "$d/envelope.pb" -c "$CHANNEL" -o "$ORDERER_ENDPOINT" \
    --tls --cafile "$ORDERER_CA" || die "peer channel update with $msp's CRL was refused (see $WORK/logs/cli.log)"
  wait_for "$WAIT" "configuration block with $msp's CRL ordered" config_past "$before" \
    || die "no new configuration block after ${WAIT}s"
  after=$(config_block_number)
  for name in $(nodes_of_kind peer); do
    wait_for "$WAIT" "$name has configuration block $after" peer_past "$name" "$after" \
      || die "$name did not reach configuration block $after within ${WAIT}s"
  done
}

# ca_revoke MSP USER: revoke every certificate of USER at MSP's CA, generate the CA's CRL and put it in MSP's
# definition in the channel, so that every peer refuses USER from its next proposal on.
ca_revoke() {
  local msp=$1 user=$2 ca out crl
  ca=$(ca_of_org "$msp")
  crl=$(ca_dir "$ca")/registrar/msp/crls/crl.pem
  if ! out=$(ca_client "$ca" revoke -e "$user" -r keycompromise --gencrl 2>&1); then
    grep -qi 'already revoked' <<<"$out" || die "revoking $user at $ca failed: $out"
    ca_client "$ca" gencrl >/dev/null 2>&1 || die "gencrl failed at $ca"
  fi
  [[ -s $crl ]] || die "no CRL from $ca at $crl"
  log "  $user revoked at $ca; its CRL lists $(openssl crl -in "$crl" -noout -text 2>/dev/null | grep -c 'Serial Number') certificate(s)"
  channel_set_crl "$msp" "$crl"
}
