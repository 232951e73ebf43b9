import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ORGS } from '../ledger/src/msp';
import { parseConnectionProfile, type ConnectionProfile } from '../ledger/src/fabric';
import { enrollNetwork, EnrollError } from './fabric-enroll';

const ORGS = [
  { mspId: 'ProducersMSP', domain: 'producers.trace.local', peers: ['peer0', 'peer1'], port: 7110 },
  { mspId: 'BrandsMSP', domain: 'brands.trace.local', peers: ['peer0'], port: 7130 },
  { mspId: 'LogisticsMSP', domain: 'logistics.trace.local', peers: ['peer0'], port: 7140 },
];

/**
 * A work dir shaped like test-network.sh leaves it after enrolment: topology.json and a wallet entry per demo user
 * (the Fabric CA's issuing is exercised on the real network, test/fabric/enrollment.test.ts; this script only
 * checks that the entries are there).
 */
async function networkDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'trace-enroll-'));
  for (const org of DEMO_ORGS) {
    for (const user of org.users) {
      const entry = join(dir, 'wallet', org.mspId, user.name);
      await mkdir(entry, { recursive: true });
      await writeFile(join(entry, 'cert.pem'), 'cert');
      await writeFile(join(entry, 'key.pem'), 'key', { mode: 0o600 });
    }
  }
  const topology = {
    channel: 'trace',
    chaincode: 'trace',
    orgs: ORGS.map((o) => ({
      mspId: o.mspId,
      domain: o.domain,
      peers: o.peers.map((p, i) => ({
        name: `${p}.${o.domain.split('.')[0]!}`,
        host: `${p}.${o.domain}`,
        endpoint: `127.0.0.1:${o.port + 10 * i}`,
      })),
    })),
    orderer: {
      mspId: 'OrdererMSP',
      domain: 'trace.local',
      nodes: [{ name: 'orderer1', host: 'orderer1.trace.local', endpoint: '127.0.0.1:7010' }],
    },
  };
  await writeFile(join(dir, 'topology.json'), JSON.stringify(topology));
  return dir;
}

describe('fabric enrolment', () => {
  let dir: string;
  let profile: ConnectionProfile;

  beforeAll(async () => {
    dir = await networkDir();
    profile = await enrollNetwork(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('describes every peer with its endpoint, TLS CA and hostname override', async () => {
    // Read back through the gateway's own validator: writer and reader must agree on the shape.
    const written: ConnectionProfile = parseConnectionProfile(
      JSON.parse(await readFile(join(dir, 'connection.json'), 'utf8')),
      dir,
    );
    expect(written).toEqual(profile);
    expect(written.organizations.ProducersMSP?.peers.map((p) => [p.endpoint, p.hostnameOverride])).toEqual([
      ['127.0.0.1:7110', 'peer0.producers.trace.local'],
      ['127.0.0.1:7120', 'peer1.producers.trace.local'],
    ]);
    expect(written.organizations.LogisticsMSP?.peers[0]?.tlsCACert).toBe(
      join(
        dir,
        'crypto',
        'peerOrganizations',
        'logistics.trace.local',
        'tlsca',
        'tlsca.logistics.trace.local-cert.pem',
      ),
    );
    expect(written.wallet).toBe(join(dir, 'wallet'));
  });

  it("lists each organisation's demo users with their roles", () => {
    expect(profile.organizations.BrandsMSP?.users).toEqual([
      { name: 'brand', role: 'brand' },
      { name: 'regulator', role: 'regulator' },
    ]);
  });

  it('refuses to write a profile naming a user the CA never enrolled', async () => {
    await rm(join(dir, 'wallet', 'LogisticsMSP', 'customs'), { recursive: true });
    const err = await enrollNetwork(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EnrollError);
    expect(err).toMatchObject({ code: 'USER_NOT_ENROLLED' });
    expect((err as Error).message).toContain('LogisticsMSP/customs');
  });

  it('refuses a work dir the network was never started in', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'trace-enroll-empty-'));
    try {
      await expect(enrollNetwork(empty)).rejects.toMatchObject({ code: 'TOPOLOGY_MISSING' });
      await expect(enrollNetwork(empty)).rejects.toBeInstanceOf(EnrollError);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
