/**
 * The anti-counterfeit contract on a real embedded ledger: commissioning as an EPCIS AssociationEvent, the
 * tag lifecycle, tap judgement (replay, counter jump then harvested URL, impossible travel, inactive tags),
 * RFID clone checks, and alerts that only the owning brand's organisation can read.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Alert, TagTx } from '../../chaincode/src/api';
import { EndorsementError } from '../../ledger/src';
import { glnUri, itemUri } from '../helpers/epcisBuilders';
import { Users } from '../helpers/tempLedger';
import { BAG_GTIN, PLACES } from '../helpers/handbagWorld';
import { openRivalLedger, RIVAL_BRAND, type RivalLedger } from '../helpers/rivalLedger';

let t: RivalLedger;
let serialNo = 0;
let uidNo = 0;
const nextSerial = (): string => `HB${++serialNo}`;
const nextUid = (): string => `04${(0xa00000 + ++uidNo).toString(16).toUpperCase()}00BEEF`.slice(0, 14);

const submit = async <T>(
  user: string,
  fn: string,
  arg: unknown,
  transient?: Record<string, unknown>,
): Promise<T> => {
  const secret = transient
    ? Object.fromEntries(Object.entries(transient).map(([k, v]) => [k, Buffer.from(JSON.stringify(v))]))
    : undefined;
  const result = await t.ledger.submit({
    user,
    fn,
    args: [JSON.stringify(arg)],
    ...(secret ? { transient: secret } : {}),
  });
  return JSON.parse(Buffer.from(result.result).toString('utf8')) as T;
};
const evaluate = async <T>(user: string, fn: string, arg: unknown): Promise<T> =>
  JSON.parse(
    Buffer.from(await t.ledger.evaluate({ user, fn, args: [JSON.stringify(arg)] })).toString('utf8'),
  ) as T;
const refusal = async (p: Promise<unknown>): Promise<string> => {
  const error: unknown = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EndorsementError);
  return (error as EndorsementError).chaincodeMessage;
};

interface TapAnswer {
  genuine: boolean;
  item?: string;
  alertId?: string;
}
const tap = (
  uid: string,
  counter: number,
  extra: { readPoint?: string; place?: unknown } = {},
): Promise<TapAnswer> =>
  submit<TapAnswer>(
    Users.brand,
    TagTx.RecordTap,
    { uid, counter, keyOwner: 'BrandsMSP', ...(extra.readPoint ? { readPoint: extra.readPoint } : {}) },
    extra.place ? { place: extra.place } : undefined,
  );
const alerts = (
  user: string = Users.brand,
  query: Record<string, unknown> = {},
): Promise<{ alerts: Alert[]; summary: { gtin: string; region: string; count: number }[] }> =>
  evaluate(user, TagTx.ListAlerts, query);
const alertById = async (id: string | undefined): Promise<Alert | undefined> =>
  (await alerts()).alerts.find((a) => a.alertId === id);

async function commissionNfc(extra: Record<string, unknown> = {}): Promise<{ uid: string; serial: string }> {
  const uid = nextUid();
  const serial = nextSerial();
  await submit(Users.brand, TagTx.CommissionTag, {
    gtin: BAG_GTIN,
    serial,
    nfcUid: uid,
    gln: PLACES.factory.gln,
    ...extra,
  });
  return { uid, serial };
}

beforeAll(async () => {
  t = await openRivalLedger();
  await t.calls.submit(Users.brand, 'RegisterProduct', [
    JSON.stringify({ gtin: BAG_GTIN, name: 'Sac Aurore', family: 'goods', brand: 'Maison Exemple' }),
  ]);
  for (const place of Object.values(PLACES))
    await t.calls.submit(Users.brand, 'RegisterLocation', [JSON.stringify(place)]);
});
afterAll(async () => t.close());

describe('commissioning', () => {
  it('binds an NFC tag to GTIN + serial with an EPCIS AssociationEvent', async () => {
    const { uid, serial } = await commissionNfc();
    const page = await t.calls.evaluate<{
      records: { event: { type: string; parentID: string; childEPCs: string[]; bizStep: string } }[];
    }>(Users.retailer, 'QueryEvents', [
      JSON.stringify({ by: 'subject', value: itemUri(BAG_GTIN, serial), pageSize: 10 }),
    ]);
    expect(page.records.map((r) => r.event)).toEqual([
      expect.objectContaining({
        type: 'AssociationEvent',
        parentID: itemUri(BAG_GTIN, serial),
        childEPCs: [`urn:trace:tag:nfc:${uid}`],
      }),
    ]);
    const tag = await evaluate<{ status: string; owner: string }>(Users.retailer, TagTx.GetTag, {
      nfcUid: uid,
    });
    expect(tag).toMatchObject({ status: 'active', owner: 'BrandsMSP' });
  });

  it('refuses a second tag for a live item, a reused UID, a non-brand and another brand', async () => {
    const { uid, serial } = await commissionNfc();
    expect(
      await refusal(submit(Users.brand, TagTx.CommissionTag, { gtin: BAG_GTIN, serial, nfcUid: nextUid() })),
    ).toMatch(/^ALREADY_EXISTS: tag\.serial: /);
    expect(
      await refusal(
        submit(Users.brand, TagTx.CommissionTag, { gtin: BAG_GTIN, serial: nextSerial(), nfcUid: uid }),
      ),
    ).toMatch(/^ALREADY_EXISTS: tag: /);
    expect(
      await refusal(
        submit(Users.retailer, TagTx.CommissionTag, {
          gtin: BAG_GTIN,
          serial: nextSerial(),
          nfcUid: nextUid(),
        }),
      ),
    ).toMatch(/^FORBIDDEN: tag\.commission: /);
    expect(
      await refusal(
        submit(RIVAL_BRAND, TagTx.CommissionTag, { gtin: BAG_GTIN, serial: nextSerial(), nfcUid: nextUid() }),
      ),
    ).toMatch(/^FORBIDDEN: tag\.gtin: only the brand owner/);
  });
});

describe('NFC taps', () => {
  it('accepts rising counters and flags a replayed URL without moving the counter', async () => {
    const { uid } = await commissionNfc();
    expect((await tap(uid, 1)).genuine).toBe(true);
    expect((await tap(uid, 2)).genuine).toBe(true);
    const replay = await tap(uid, 2);
    expect(replay.genuine).toBe(false);
    expect((await alertById(replay.alertId))?.reasons).toEqual(['replayed']);
    expect((await tap(uid, 1)).genuine).toBe(false);
    expect((await tap(uid, 3)).genuine).toBe(true);
  });

  it("flags a far counter jump, then the genuine tag's next taps as the harvested-URL pattern", async () => {
    const { uid } = await commissionNfc();
    expect((await tap(uid, 1)).genuine).toBe(true);
    const played = await tap(uid, 400); // a URL harvested by tapping the real tag 399 times, played later
    expect(played.genuine).toBe(false);
    expect((await alertById(played.alertId))?.reasons).toEqual(['counter_jump']);
    const real = await tap(uid, 2); // the genuine owner taps again
    expect(real.genuine).toBe(false);
    expect((await alertById(real.alertId))?.reasons).toEqual(['replayed', 'harvested_url']);
  });

  it('flags the same tag tapped in Milan and then Tokyo minutes apart, and holds it as suspect', async () => {
    const { uid } = await commissionNfc();
    expect((await tap(uid, 1, { readPoint: glnUri(PLACES.factory.gln) })).genuine).toBe(true);
    const far = await tap(uid, 2, { place: { lat: 35.6812, lon: 139.7671, country: 'JP' } });
    expect(far.genuine).toBe(false);
    const alert = await alertById(far.alertId);
    expect(alert).toMatchObject({
      reasons: ['impossible_travel'],
      region: 'JP',
      previous: { place: { lat: 45.5, lon: 9.2, country: 'IT' } },
    });
    expect((await evaluate<{ status: string }>(Users.brand, TagTx.GetTag, { nfcUid: uid })).status).toBe(
      'suspect',
    );
    expect((await tap(uid, 3)).genuine).toBe(false);
    await submit(Users.brand, TagTx.SetTagStatus, {
      tag: { nfcUid: uid },
      status: 'active',
      reason: 'reviewed: owner travelling',
    });
    expect((await tap(uid, 4)).genuine).toBe(true);
  });

  it.each(['decommissioned', 'revoked'])('does not verify a %s tag', async (status) => {
    const { uid } = await commissionNfc();
    await submit(Users.brand, TagTx.SetTagStatus, { tag: { nfcUid: uid }, status });
    const answer = await tap(uid, 1);
    expect(answer.genuine).toBe(false);
    expect((await alertById(answer.alertId))?.reasons).toEqual(['not_active']);
  });

  it("sends an unknown UID verified with a brand's keys to that brand as unknown_tag", async () => {
    const answer = await tap('04000000C0FFEE', 5);
    expect(answer.genuine).toBe(false);
    expect((await alertById(answer.alertId))?.reasons).toEqual(['unknown_tag']);
  });

  it('keeps reasons out of the answer every member sees in the block', async () => {
    const { uid } = await commissionNfc();
    await tap(uid, 3);
    const replay = await submit<Record<string, unknown>>(Users.retailer, TagTx.RecordTap, {
      uid,
      counter: 3,
      keyOwner: 'BrandsMSP',
    });
    expect(Object.keys(replay).sort()).toEqual(['alertId', 'genuine', 'item']);
  });
});

describe('RFID clone checks', () => {
  const epc = (serial: string): string => itemUri(BAG_GTIN, serial);
  const read = (serial: string, time: string, tid?: string) => ({
    epc: epc(serial),
    time,
    ...(tid ? { tid } : {}),
  });
  const check = (gln: string, reads: unknown[]) =>
    submit<{ checked: number; unbound: number; flagged: number[] }>(Users.carrier, TagTx.CheckEpcReads, {
      readPoint: glnUri(gln),
      reads,
    });
  const TID = 'E2801160600002084D6E1234';

  async function commissionRfid(): Promise<string> {
    const serial = String(900000 + ++serialNo);
    await submit(Users.brand, TagTx.CommissionTag, {
      gtin: BAG_GTIN,
      serial,
      epc: epc(serial),
      tid: TID.slice(0, -4) + String(1000 + serialNo),
    });
    return serial;
  }

  it('passes a normal journey and ignores EPCs no brand bound', async () => {
    const serial = await commissionRfid();
    expect(
      await check(PLACES.factory.gln, [
        read(serial, '2026-03-01T08:00:00Z'),
        read('777', '2026-03-01T08:00:00Z'),
      ]),
    ).toEqual({ checked: 2, unbound: 1, flagged: [] });
    expect(await check(PLACES.store.gln, [read(serial, '2026-03-02T08:00:00Z')])).toEqual({
      checked: 1,
      unbound: 0,
      flagged: [],
    });
  });

  it('flags one EPC read at two portals at the same moment', async () => {
    const serial = await commissionRfid();
    await check(PLACES.factory.gln, [read(serial, '2026-03-01T09:00:00Z')]);
    expect((await check(PLACES.store.gln, [read(serial, '2026-03-01T09:00:01Z')])).flagged).toEqual([0]);
    const last = (await alerts(Users.brand, { gtin: BAG_GTIN })).alerts.at(-1);
    expect(last).toMatchObject({
      source: 'rfid',
      reasons: ['epc_clone'],
      region: 'FR',
      previous: { readPoint: glnUri(PLACES.factory.gln) },
    });
  });

  it('flags Paris then Tokyo one hour apart as impossible travel', async () => {
    const serial = await commissionRfid();
    await check(PLACES.store.gln, [read(serial, '2026-03-01T10:00:00Z')]);
    expect((await check(PLACES.outlet.gln, [read(serial, '2026-03-01T11:00:00Z')])).flagged).toEqual([0]);
    expect((await alerts(Users.brand, { gtin: BAG_GTIN, region: 'JP' })).alerts.at(-1)?.reasons).toEqual([
      'impossible_travel',
    ]);
  });

  it('flags a TID that differs from the one bound at commissioning', async () => {
    const serial = await commissionRfid();
    expect(
      (await check(PLACES.factory.gln, [read(serial, '2026-03-03T08:00:00Z', 'E2801160600002084D6EFFFF')]))
        .flagged,
    ).toEqual([0]);
    expect((await alerts()).alerts.at(-1)?.reasons).toEqual(['tid_mismatch']);
  });

  it('flags a read after the item was sold or decommissioned', async () => {
    const sold = await commissionRfid();
    const gone = await commissionRfid();
    await submit(Users.brand, TagTx.SetTagStatus, { tag: { item: epc(sold) }, status: 'sold' });
    await submit(Users.brand, TagTx.SetTagStatus, { tag: { item: epc(gone) }, status: 'decommissioned' });
    expect(
      (
        await check(PLACES.outlet.gln, [
          read(sold, '2026-04-01T08:00:00Z'),
          read(gone, '2026-04-01T08:00:00Z'),
        ])
      ).flagged,
    ).toEqual([0, 1]);
    expect(
      (await alerts(Users.brand, { gtin: BAG_GTIN, region: 'JP' })).alerts.slice(-2).map((a) => a.reasons),
    ).toEqual([['read_after_sale'], ['not_active']]);
  });
});

describe('who may read alerts and reports', () => {
  it('gives the owning brand its alerts per product and region', async () => {
    const { summary } = await alerts();
    expect(summary.find((s) => s.gtin === BAG_GTIN && s.region === 'JP')?.count).toBeGreaterThanOrEqual(2);
  });

  it("shows another brand's user none of them, and refuses non-brand roles", async () => {
    expect((await alerts()).alerts.length).toBeGreaterThan(0);
    expect((await alerts(RIVAL_BRAND)).alerts).toEqual([]);
    expect((await evaluate<{ reports: unknown[] }>(RIVAL_BRAND, TagTx.ListReports, {})).reports).toEqual([]);
    expect(await refusal(alerts(Users.regulator))).toMatch(/^FORBIDDEN: alerts\.read: /);
    expect(await refusal(alerts(Users.retailer))).toMatch(/^FORBIDDEN: alerts\.read: /);
  });

  it("files a consumer report into the brand's inbox only", async () => {
    const { serial } = await commissionNfc();
    await submit(
      Users.brand,
      TagTx.FileReport,
      { tag: { item: itemUri(BAG_GTIN, serial) }, verdict: 'genuine', region: 'ES' },
      { message: 'Bought at a market stall for 40 EUR' },
    );
    const { reports } = await evaluate<{ reports: { item: string; message: string }[] }>(
      Users.brand,
      TagTx.ListReports,
      { gtin: BAG_GTIN },
    );
    expect(reports.at(-1)).toMatchObject({
      item: itemUri(BAG_GTIN, serial),
      message: 'Bought at a market stall for 40 EUR',
    });
  });

  it('never writes alert or report contents to the block file', async () => {
    const dir = path.join(t.dir, 'blocks');
    const bytes = Buffer.concat(
      await Promise.all((await readdir(dir)).map((f) => readFile(path.join(dir, f)))),
    );
    expect(bytes.includes(Buffer.from('Bought at a market stall'))).toBe(false);
    expect(bytes.includes(Buffer.from('impossible_travel'))).toBe(false);
    expect(bytes.includes(Buffer.from('35.6812'))).toBe(false);
  });
});
