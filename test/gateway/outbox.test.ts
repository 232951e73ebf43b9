/**
 * An acknowledged scan is never lost and a retried scan never counted twice: through a ledger outage (202, then
 * committed later in arrival order) and through a gateway restart with scans still in the outbox.
 */
import request from 'supertest';
import { startGateway, type TempGateway } from '../helpers/tempGateway';
import { Users } from '../helpers/tempLedger';

const lotId = 'https://id.gs1.org/01/09506000134352/10/OUTAGE-1';
const scan = (i: number) => ({
  digitalLink: 'https://x.example/01/09506000134352/10/OUTAGE-1',
  bizStep: 'storing',
  location: '9521234000020',
  eventTime: `2026-10-10T08:${String(i).padStart(2, '0')}:00Z`,
  idempotencyKey: `outage-scan-${i}`,
});

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const eventTimes = async (gw: TempGateway): Promise<string[]> => {
  const page = await gw.calls.evaluate<{
    records: { event: { eventTime: string }; provenance: { txId: string } }[];
  }>(Users.retailer, 'QueryEvents', [JSON.stringify({ by: 'subject', value: lotId, pageSize: 500 })]);
  return page.records.map((r) => r.event.eventTime);
};

describe('outbox', () => {
  it('keeps scans through a ledger outage and commits them later, in order, once', async () => {
    const gw = await startGateway({ TRACE_SYNC_WAIT_MS: '200' });
    try {
      gw.ledger.down = true;
      const accepted = [];
      for (let i = 0; i < 5; i++) {
        const res = await request(gw.app)
          .post('/scans/qr')
          .set(gw.auth(Users.carrier))
          .send(scan(i))
          .expect(202);
        expect(res.headers.location).toBe(`/scans/outage-scan-${i}`);
        accepted.push(res.body.scanId as string);
      }
      // A client retrying during the outage gets the same scan back, not a second one.
      await request(gw.app).post('/scans/qr').set(gw.auth(Users.carrier)).send(scan(2)).expect(202);
      const pending = await request(gw.app)
        .get('/scans/outage-scan-0')
        .set(gw.auth(Users.carrier))
        .expect(200);
      expect(pending.body.state).toBe('pending');
      gw.ledger.down = false;
      await waitFor(async () => (await gw.outbox.get('outage-scan-4'))?.state === 'committed');
      const blocks = await Promise.all(
        accepted.map(async (id) => BigInt((await gw.outbox.get(id))!.blockNumber!)),
      );
      expect([...blocks].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(blocks);
      expect((await eventTimes(gw)).sort()).toEqual([0, 1, 2, 3, 4].map((i) => scan(i).eventTime));
      const done = await request(gw.app).get('/scans/outage-scan-0').set(gw.auth(Users.carrier)).expect(200);
      expect(done.body.state).toBe('committed');
      // Another member cannot read this scan's status.
      await request(gw.app).get('/scans/outage-scan-0').set(gw.auth(Users.retailer)).expect(404);
    } finally {
      await gw.close();
    }
  });

  it('commits scans accepted before a gateway restart, exactly once', async () => {
    let gw = await startGateway({ TRACE_SYNC_WAIT_MS: '100' });
    try {
      gw.ledger.down = true;
      for (let i = 10; i < 13; i++)
        await request(gw.app).post('/scans/qr').set(gw.auth(Users.carrier)).send(scan(i)).expect(202);
      gw = await gw.restart();
      await waitFor(async () => (await gw.outbox.get('outage-scan-12'))?.state === 'committed');
      // The client retries after the restart: same answer, nothing new.
      const retry = await request(gw.app)
        .post('/scans/qr')
        .set(gw.auth(Users.carrier))
        .send(scan(11))
        .expect(200);
      expect(retry.body.state).toBe('committed');
      expect(await eventTimes(gw)).toEqual([10, 11, 12].map((i) => scan(i).eventTime));
    } finally {
      await gw.close();
    }
  });
});

describe('outbox retention', () => {
  it('forgets settled scans after the retention time; a late retry still counts once', async () => {
    let gw = await startGateway({ TRACE_OUTBOX_RETENTION_HOURS: '0' });
    try {
      const first = await request(gw.app)
        .post('/scans/qr')
        .set(gw.auth(Users.carrier))
        .send(scan(30))
        .expect(201);
      gw = await gw.restart();
      expect(await gw.outbox.get('outage-scan-30')).toBeUndefined();
      const late = await request(gw.app)
        .post('/scans/qr')
        .set(gw.auth(Users.carrier))
        .send(scan(30))
        .expect(200);
      expect(late.headers['idempotent-replayed']).toBe('true');
      expect(late.body.receipt.replayed).toBe(true);
      expect(late.body.receipt.eventIDs).toEqual(first.body.receipt.eventIDs);
      expect(await eventTimes(gw)).toEqual([scan(30).eventTime]);
    } finally {
      await gw.close();
    }
  });
});
