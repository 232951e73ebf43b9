/**
 * Revoking a user at its organisation's Fabric CA, then putting the CA's CRL into the organisation's MSP in the
 * channel (`./test-network.sh revoke ORG USER`), makes every peer refuse that user, and the gateway answers its
 * requests with 403 problem+json, while another user of the same organisation goes on working.
 *
 * The user revoked is a throwaway, registered for this run in a wallet of the test's own (never a demo user that
 * other suites sign with). Needs the running test network (see network.ts).
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../gateway/src/app';
import { loadConfig } from '../../gateway/src/config';
import { ApiKeys } from '../../gateway/src/http/apiKeys';
import { Outbox } from '../../gateway/src/outbox/outbox';
import { LedgerError } from '../../ledger/src';
import {
  FabricLedger,
  loadConnectionProfile,
  type ConnectionProfile,
  type NodeEndpoint,
} from '../../ledger/src/fabric';
import { TraceClient } from '../../gateway/src/client';
import { TraceCache } from '../../gateway/src/lookup/traceCache';
import { connectionProfilePath, freshGtin, networkDir, testNetwork } from './network';

const ORG = 'ProducersMSP';
const USER = `revoked-${randomBytes(4).toString('hex')}`;
const REVOKED = `${ORG}/${USER}`;
// A demo user of the same organisation, issued by the same (intermediate) CA.
const FARMER = `${ORG}/farmer`;
const productJson = (gtin: string): string =>
  JSON.stringify({ gtin, name: 'Revocation probe', family: 'coffee' });

/** The code of the LedgerError `p` rejects with. */
async function refusalCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof LedgerError) return err.code;
    throw err;
  }
  return 'NOT_REFUSED';
}

/** `profile` with `mspId`'s users sent to `peer` only, which may belong to any organisation. */
function throughPeer(profile: ConnectionProfile, mspId: string, peer: NodeEndpoint): ConnectionProfile {
  const org = profile.organizations[mspId]!;
  return { ...profile, organizations: { ...profile.organizations, [mspId]: { ...org, peers: [peer] } } };
}

describe('revoking a user at its Fabric CA', () => {
  let work: string;
  let profile: ConnectionProfile;
  let ledger: FabricLedger;
  let registered: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'trace-revocation-'));
    const wallet = join(work, 'wallet');
    profile = await loadConnectionProfile(connectionProfilePath());
    await testNetwork(['register', ORG, USER, 'producer'], { TRACE_WALLET_DIR: wallet });
    await cp(join(networkDir(), 'wallet', ORG, 'farmer'), join(wallet, ORG, 'farmer'), { recursive: true });
    ledger = await FabricLedger.connect({ connectionProfile: profile, walletDir: wallet });
    // Before revocation the throwaway user is a member in good standing: what fails later fails because of it.
    registered = freshGtin();
    await ledger.submit({ user: REVOKED, fn: 'RegisterProduct', args: [productJson(registered)] });
    await testNetwork(['revoke', ORG, USER]);
  }, 180_000);

  afterAll(async () => {
    await (ledger as FabricLedger | undefined)?.close();
    await rm(work, { recursive: true, force: true });
  });

  it("refuses the revoked user's next submit with ACCESS_DENIED", async () => {
    expect(
      await refusalCode(
        ledger.submit({ user: REVOKED, fn: 'RegisterProduct', args: [productJson(freshGtin())] }),
      ),
    ).toBe('ACCESS_DENIED');
  });

  it("is refused by every peer of every organisation, which still serve the same organisation's other users", async () => {
    const peers = Object.values(profile.organizations).flatMap((o) => o.peers);
    expect(peers.length).toBeGreaterThanOrEqual(4);
    for (const peer of peers) {
      const one = await FabricLedger.connect({
        connectionProfile: throughPeer(profile, ORG, peer),
        walletDir: join(work, 'wallet'),
      });
      try {
        const read = { fn: 'TraceContract:GetProduct', args: [registered] };
        await expect(refusalCode(one.evaluate({ user: REVOKED, ...read }))).resolves.toBe('ACCESS_DENIED');
        const product = JSON.parse(
          Buffer.from(await one.evaluate({ user: FARMER, ...read })).toString('utf8'),
        ) as unknown;
        expect(product).toMatchObject({ gtin: registered });
      } finally {
        await one.close();
      }
    }
  });

  it('makes the gateway answer the revoked user 403 problem+json, for a write and for a scan, and the other user 201', async () => {
    const data = join(work, 'gateway');
    const outbox = await Outbox.open(join(data, 'outbox'), ledger);
    const cache = new TraceCache(new TraceClient(ledger), FARMER);
    await cache.follow(ledger);
    try {
      const apiKeys = ApiKeys.fromEntries([
        { key: 'key-revoked', user: REVOKED },
        { key: 'key-farmer', user: FARMER },
      ]);
      const app = createApp({ config: loadConfig({ TRACE_DATA_DIR: data }), ledger, outbox, cache, apiKeys });

      const refused = await request(app)
        .post('/products')
        .set('Authorization', 'Bearer key-revoked')
        .send(JSON.parse(productJson(freshGtin())) as object);
      expect(refused.status).toBe(403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(refused.text)).toMatchObject({ status: 403, code: 'ACCESS_DENIED' });

      // A scan goes through the outbox: the refusal is its answer, not an outage to retry at the head of the queue
      // in front of every other member's scans.
      const scan = await request(app)
        .post('/scans/qr')
        .set('Authorization', 'Bearer key-revoked')
        .send({
          digitalLink: `https://x.example/01/${freshGtin()}/10/REVOKED-1`,
          bizStep: 'storing',
          location: '9521234000020',
          eventTime: '2026-10-10T08:00:00Z',
          idempotencyKey: `${USER}-scan-1`,
        });
      expect(scan.status).toBe(403);
      expect(JSON.parse(scan.text)).toMatchObject({ code: 'ACCESS_DENIED' });
      expect(outbox.backlog).toBe(0);

      const gtin = freshGtin();
      const accepted = await request(app)
        .post('/products')
        .set('Authorization', 'Bearer key-farmer')
        .send(JSON.parse(productJson(gtin)) as object);
      expect(accepted.status).toBe(201);
      expect(accepted.body).toMatchObject({ gtin, owner: ORG });
    } finally {
      cache.close();
      await outbox.close();
    }
  });
});
