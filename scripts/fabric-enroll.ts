/**
 * Writes the gateway's `connection.json` for the native Fabric test network (`./test-network.sh enroll` runs this
 * once it has enrolled the demo users at their organisations' Fabric CAs, network/ca.sh).
 *
 * The wallet, `wallet/<mspId>/<name>/{cert.pem,key.pem}`, is filled by enrolment: each certificate is issued by the
 * user's organisation's Fabric CA with `trace.role` in Fabric's attribute extension, and the key never left the
 * enrolling client. This script only checks that every user of {@link DEMO_ORGS} is there and writes, inside the
 * network's work dir, `connection.json` (schema: ledger/src/fabric/connectionProfile.ts): per organisation
 * its peers, their TLS CA and hostname override, and its users.
 *
 * Reads `topology.json`, which test-network.sh writes from network/nodes.sh, so the node list lives in one place.
 *
 *   node dist/scripts/fabric-enroll.js [--network-dir <dir>]   (default: $TRACE_NETWORK_DIR or ./.work/fabric)
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEMO_ORGS, type DemoOrg } from '../ledger/src/msp';
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
    readonly code: 'TOPOLOGY_MISSING' | 'USER_NOT_ENROLLED' | 'ORG_MISSING',
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

function endpointOf(node: TopologyNode, tlsCACert: string): NodeEndpoint {
  return { name: node.name, endpoint: node.endpoint, hostnameOverride: node.host, tlsCACert };
}

/** The demo users of `org` missing from the wallet (no `cert.pem` and `key.pem`). */
function notEnrolled(walletDir: string, org: DemoOrg): string[] {
  return org.users
    .filter((u) => {
      const dir = join(walletDir, org.mspId, u.name);
      return !existsSync(join(dir, 'cert.pem')) || !existsSync(join(dir, 'key.pem'));
    })
    .map((u) => `${org.mspId}/${u.name}`);
}

/**
 * Check that every demo user is enrolled in the wallet and write `connection.json` under `networkDir`. Returns the
 * profile written.
 * @throws EnrollError when the topology or an organisation is missing, or a user is not in the wallet.
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
    const missing = notEnrolled(walletDir, org);
    if (missing.length > 0) {
      throw new EnrollError(
        'USER_NOT_ENROLLED',
        `${missing.join(', ')} not in ${walletDir} (./test-network.sh enroll enrols them at the org's Fabric CA)`,
      );
    }
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
    log(`${org.mspId}: ${org.users.length} users in the wallet`);
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
