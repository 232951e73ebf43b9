// @peculiar/x509 (used by the identity module) resolves its services through tsyringe, which needs this first.
import 'reflect-metadata';
import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import {
  createCertificateAuthority,
  FABRIC_ATTRS_OID,
  type CertificateAuthority,
} from '../ledger/src/msp';
import { parseConnectionProfile, type ConnectionProfile } from '../ledger/src/fabric';
import { enrollNetwork, EnrollError } from './fabric-enroll';

x509.cryptoProvider.set(webcrypto as unknown as ReturnType<typeof x509.cryptoProvider.get>);

const ORGS = [
  { mspId: 'ProducersMSP', domain: 'producers.trace.local', peers: ['peer0', 'peer1'], port: 7110 },
  { mspId: 'BrandsMSP', domain: 'brands.trace.local', peers: ['peer0'], port: 7130 },
  { mspId: 'LogisticsMSP', domain: 'logistics.trace.local', peers: ['peer0'], port: 7140 },
];

/** A work dir shaped like test-network.sh leaves it: cryptogen's CA layout (`ca/ca.<domain>-cert.pem`, `ca/priv_sk`) and topology.json. */
async function networkDir(): Promise<{ dir: string; cas: Map<string, CertificateAuthority> }> {
  const dir = await mkdtemp(join(tmpdir(), 'trace-enroll-'));
  const cas = new Map<string, CertificateAuthority>();
  for (const org of ORGS) {
    const ca = await createCertificateAuthority(org.mspId);
    cas.set(org.mspId, ca);
    const orgDir = join(dir, 'crypto', 'peerOrganizations', org.domain);
    await mkdir(join(orgDir, 'ca'), { recursive: true });
    await mkdir(join(orgDir, 'tlsca'), { recursive: true });
    await writeFile(join(orgDir, 'ca', `ca.${org.domain}-cert.pem`), ca.certPem);
    await writeFile(join(orgDir, 'ca', 'priv_sk'), ca.keyPem);
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
  return { dir, cas };
}

function roleIn(cert: x509.X509Certificate): unknown {
  const ext = cert.getExtension(FABRIC_ATTRS_OID);
  if (!ext) return undefined;
  return (JSON.parse(Buffer.from(ext.value).toString('utf8')) as { attrs: Record<string, unknown> }).attrs[
    'trace.role'
  ];
}

describe('fabric enrolment', () => {
  let dir: string;
  let cas: Map<string, CertificateAuthority>;
  let profile: ConnectionProfile;

  beforeAll(async () => {
    ({ dir, cas } = await networkDir());
    profile = await enrollNetwork(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['ProducersMSP', 'farmer', 'producer'],
    ['ProducersMSP', 'roaster', 'processor'],
    ['BrandsMSP', 'regulator', 'regulator'],
    ['LogisticsMSP', 'customs', 'logistics'],
    ['LogisticsMSP', 'retailer', 'retailer'],
  ])('issues %s/%s a certificate from the org CA with trace.role %s', async (mspId, name, role) => {
    const cert = new x509.X509Certificate(
      await readFile(join(dir, 'wallet', mspId, name, 'cert.pem'), 'utf8'),
    );
    const ca = new x509.X509Certificate(cas.get(mspId)!.certPem);
    expect(await cert.verify({ publicKey: ca.publicKey, signatureOnly: true })).toBe(true);
    expect(cert.issuer).toBe(ca.subject);
    expect(roleIn(cert)).toBe(role);
  });

  it('keeps private keys owner-only', async () => {
    const mode = (await stat(join(dir, 'wallet', 'BrandsMSP', 'brand', 'key.pem'))).mode & 0o777;
    expect(mode).toBe(0o600);
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

  it('leaves enrolled users untouched on a second run', async () => {
    const keyPath = join(dir, 'wallet', 'ProducersMSP', 'farmer', 'key.pem');
    const before = await readFile(keyPath, 'utf8');
    await enrollNetwork(dir);
    expect(await readFile(keyPath, 'utf8')).toBe(before);
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
