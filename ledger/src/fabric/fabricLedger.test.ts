/**
 * FabricLedger without a network: configuration checks at connect, and what a caller sees when no peer answers
 * (a real gRPC dial to a closed loopback port). The suites against a running network are in test/fabric/.
 */
import { createServer } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority, issueIdentity, type IssuedIdentity } from '../msp';
import { LedgerError, LedgerUnavailableError } from '../errors';
import type { ConnectionProfile } from './connectionProfile';
import { FabricConfigError } from './fabricConfigError';
import { FabricLedger } from './fabricLedger';

/** A loopback port nothing listens on: bound, noted, released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const address = server.address();
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function writeIdentity(wallet: string, id: IssuedIdentity, keyPem = id.keyPem): Promise<void> {
  const dir = join(wallet, id.mspId, id.name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'cert.pem'), id.certPem);
  await writeFile(join(dir, 'key.pem'), keyPem);
}

describe('FabricLedger', () => {
  let dir: string;
  let profile: ConnectionProfile;
  let farmer: IssuedIdentity;
  let brand: IssuedIdentity;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trace-fabric-'));
    const producersCa = await createCertificateAuthority('ProducersMSP');
    const brandsCa = await createCertificateAuthority('BrandsMSP');
    farmer = await issueIdentity(producersCa, { mspId: 'ProducersMSP', name: 'farmer', role: 'producer' });
    brand = await issueIdentity(brandsCa, { mspId: 'BrandsMSP', name: 'brand', role: 'brand' });
    await writeFile(join(dir, 'tlsca.pem'), producersCa.certPem);
    const port = await closedPort();
    const peer = {
      name: 'peer0',
      endpoint: `127.0.0.1:${port}`,
      hostnameOverride: 'peer0.producers.trace.local',
      tlsCACert: join(dir, 'tlsca.pem'),
    };
    profile = {
      channel: 'trace',
      chaincode: 'trace',
      wallet: join(dir, 'wallet'),
      organizations: { ProducersMSP: { mspId: 'ProducersMSP', peers: [peer], users: [] } },
      orderers: [],
    };
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await rm(join(dir, 'wallet'), { recursive: true, force: true });
  });

  it('lists the wallet labels it can sign for', async () => {
    await writeIdentity(profile.wallet, farmer);
    const ledger = await FabricLedger.connect({ connectionProfile: profile });
    try {
      expect(await ledger.identities()).toEqual(['ProducersMSP/farmer']);
    } finally {
      await ledger.close();
    }
  });

  it('refuses a wallet whose key does not belong to its certificate', async () => {
    await writeIdentity(profile.wallet, farmer, brand.keyPem);
    await expect(FabricLedger.connect({ connectionProfile: profile })).rejects.toThrow(FabricConfigError);
  });

  it('refuses a wallet identity of an organisation the profile does not know', async () => {
    await writeIdentity(profile.wallet, farmer);
    await writeIdentity(profile.wallet, brand);
    await expect(FabricLedger.connect({ connectionProfile: profile })).rejects.toThrow(
      /BrandsMSP is not in the connection profile/,
    );
  });

  it('reports an unreachable peer as LedgerUnavailableError within the evaluate deadline', async () => {
    await writeIdentity(profile.wallet, farmer);
    const ledger = await FabricLedger.connect({
      connectionProfile: profile,
      deadlines: { evaluateMs: 2_000 },
    });
    try {
      const started = Date.now();
      const err: unknown = await ledger
        .evaluate({ user: 'ProducersMSP/farmer', fn: 'GetProduct', args: ['09506000134352'] })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LedgerUnavailableError);
      expect(Date.now() - started).toBeLessThan(5_000);
      const submitErr: unknown = await ledger
        .submit({ user: 'ProducersMSP/farmer', fn: 'RegisterProduct', args: ['{}'] })
        .catch((e: unknown) => e);
      expect(submitErr).toBeInstanceOf(LedgerUnavailableError);
    } finally {
      await ledger.close();
    }
  });

  it('refuses unknown users and any call after close', async () => {
    await writeIdentity(profile.wallet, farmer);
    const ledger = await FabricLedger.connect({ connectionProfile: profile });
    await expect(
      ledger.evaluate({ user: 'ProducersMSP/nobody', fn: 'GetProduct', args: [] }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_IDENTITY' });
    await ledger.close();
    await ledger.close();
    const err: unknown = await ledger
      .evaluate({ user: 'ProducersMSP/farmer', fn: 'GetProduct', args: [] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerError);
    expect((err as LedgerError).code).toBe('LEDGER_CLOSED');
  });
});
