/**
 * Enrols Trace's users on the native Fabric test network (`./test-network.sh up` runs this).
 *
 * cryptogen's users carry no attributes, but the chaincode authorises by the `trace.role` certificate attribute,
 * so each demo user gets a client certificate signed by its organisation's cryptogen CA with the role in Fabric's
 * attribute extension. Writes, inside the network's work dir:
 * - `wallet/<mspId>/<name>/{cert.pem,key.pem}` (key 0600) for every user of {@link DEMO_ORGS};
 * - `connection.json` (schema: ledger/src/fabric/connectionProfile.ts): per organisation its peers, their TLS CA
 *   and hostname override.
 *
 * Reads `topology.json`, which test-network.sh writes from network/nodes.sh, so the node list lives in one place.
 *
 *   node dist/scripts/fabric-enroll.js [--network-dir <dir>]   (default: $TRACE_NETWORK_DIR or ./.work/fabric)
 */
// @peculiar/x509 (used by the identity module) resolves its services through tsyringe, which needs this first.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEMO_ORGS, issueIdentity, type CertificateAuthority, type DemoOrg } from '../ledger/src/msp';
// The reading side's schema is the one definition of connection.json; this writer is typed by it.
import type { ConnectionProfile, NodeEndpoint } from '../ledger/src/fabric';

/** A node as test-network.sh describes it in `topology.json`. */
interface TopologyNode {
  readonly name: string;
  readonly host: string;
  readonly endpoint: string;
}

/** `topology.json`: what test-network.sh started. */
interface Topology {
  readonly channel: string;
  readonly chaincode: string;
  readonly orgs: readonly {
    readonly mspId: string;
    readonly domain: string;
    readonly peers: readonly TopologyNode[];
  }[];
  readonly orderer: {
    readonly mspId: string;
    readonly domain: string;
    readonly nodes: readonly TopologyNode[];
  };
}

/** A failure to enrol, with a stable code. */
export class EnrollError extends Error {
  override readonly name = 'EnrollError';
  constructor(
    readonly code: 'TOPOLOGY_MISSING' | 'CA_MISSING' | 'ORG_MISSING',
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

async function readTopology(networkDir: string): Promise<Topology> {
  const path = join(networkDir, 'topology.json');
  if (!existsSync(path))
    throw new EnrollError('TOPOLOGY_MISSING', `${path} not found (run ./test-network.sh up)`);
  return JSON.parse(await readFile(path, 'utf8')) as Topology;
}

/** cryptogen's org CA: `ca/ca.<domain>-cert.pem` and its key `ca/priv_sk` (older cryptogen: `<ski>_sk`). */
async function loadCryptogenCa(orgDir: string, mspId: string): Promise<CertificateAuthority> {
  const caDir = join(orgDir, 'ca');
  const files = existsSync(caDir) ? await readdir(caDir) : [];
  const cert = files.find((f) => f.endsWith('-cert.pem'));
  const key = files.find((f) => f.endsWith('_sk'));
  if (!cert || !key) throw new EnrollError('CA_MISSING', `no CA certificate and key in ${caDir}`);
  return {
    mspId,
    certPem: await readFile(join(caDir, cert), 'utf8'),
    keyPem: await readFile(join(caDir, key), 'utf8'),
  };
}

function endpointOf(node: TopologyNode, tlsCACert: string): NodeEndpoint {
  return { name: node.name, endpoint: node.endpoint, hostnameOverride: node.host, tlsCACert };
}

async function enrollOrg(
  networkDir: string,
  walletDir: string,
  org: DemoOrg,
  domain: string,
): Promise<number> {
  const ca = await loadCryptogenCa(join(networkDir, 'crypto', 'peerOrganizations', domain), org.mspId);
  let issued = 0;
  for (const user of org.users) {
    const dir = join(walletDir, org.mspId, user.name);
    // Idempotent: a user already in the wallet keeps its key (the app may have it loaded).
    if (existsSync(join(dir, 'cert.pem')) && existsSync(join(dir, 'key.pem'))) continue;
    const id = await issueIdentity(ca, { mspId: org.mspId, name: user.name, role: user.role });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'key.pem'), id.keyPem, { mode: 0o600 });
    await writeFile(join(dir, 'cert.pem'), id.certPem, { mode: 0o644 });
    issued++;
  }
  return issued;
}

/**
 * Issue every demo user a role-bearing certificate from its org's cryptogen CA and write the wallet and
 * `connection.json` under `networkDir`. Returns the profile written.
 * @throws EnrollError when the topology, an organisation or its CA is missing.
 */
export async function enrollNetwork(
  networkDir: string,
  orgs: readonly DemoOrg[] = DEMO_ORGS,
  log: (line: string) => void = () => undefined,
): Promise<ConnectionProfile> {
  const dir = resolve(networkDir);
  const topology = await readTopology(dir);
  const walletDir = join(dir, 'wallet');
  const organizations: Record<string, ConnectionProfile['organizations'][string]> = {};
  for (const org of orgs) {
    const net = topology.orgs.find((o) => o.mspId === org.mspId);
    if (!net) throw new EnrollError('ORG_MISSING', `${org.mspId} is not in ${join(dir, 'topology.json')}`);
    const issued = await enrollOrg(dir, walletDir, org, net.domain);
    const tlsCA = join(
      dir,
      'crypto',
      'peerOrganizations',
      net.domain,
      'tlsca',
      `tlsca.${net.domain}-cert.pem`,
    );
    organizations[org.mspId] = {
      mspId: org.mspId,
      peers: net.peers.map((p) => endpointOf(p, tlsCA)),
      users: org.users.map((u) => ({ name: u.name, role: u.role })),
    };
    log(`${org.mspId}: ${issued} issued, ${org.users.length - issued} already in the wallet`);
  }
  const od = topology.orderer.domain;
  const ordererTlsCA = join(dir, 'crypto', 'ordererOrganizations', od, 'tlsca', `tlsca.${od}-cert.pem`);
  const profile: ConnectionProfile = {
    channel: topology.channel,
    chaincode: topology.chaincode,
    wallet: walletDir,
    organizations,
    orderers: topology.orderer.nodes.map((n) => endpointOf(n, ordererTlsCA)),
  };
  await writeFile(join(dir, 'connection.json'), `${JSON.stringify(profile, null, 2)}\n`);
  return profile;
}

function networkDirFromArgs(argv: readonly string[]): string {
  const i = argv.indexOf('--network-dir');
  const fromFlag = i >= 0 ? argv[i + 1] : undefined;
  return fromFlag ?? process.env.TRACE_NETWORK_DIR ?? join(process.cwd(), '.work', 'fabric');
}

if (require.main === module) {
  const dir = networkDirFromArgs(process.argv.slice(2));
  const log = (line: string): void => {
    process.stderr.write(`[enroll] ${line}\n`);
  };
  enrollNetwork(dir, DEMO_ORGS, log).then(
    (p) => {
      log(`wallet ${p.wallet}; profile ${join(resolve(dir), 'connection.json')}`);
    },
    (err: unknown) => {
      log(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
