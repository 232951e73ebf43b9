/**
 * Journeys through aggregation (items into cases onto pallets) and transformation, recall propagation to
 * descendants, and corrections by error declaration — through the real contract on the ledger under test.
 */
import type { TraceView } from '../../chaincode/src/api';
import {
  GLN,
  batch,
  commission,
  itemUri,
  lotUri,
  observe,
  pack,
  ssccUri,
  transform,
} from '../helpers/epcisBuilders';
import { Users } from '../helpers/tempLedger';
import { freshGtin, freshSscc, RUN, sgtinUrn } from './freshIds';
import { openLedgerUnderTest, type LedgerUnderTest } from './ledgerUnderTest';

let t: LedgerUnderTest;
const GTIN = { green: '', roasted: '', bag: '' };
let green: string;
let roasted: string;
let bag1: string;
let bag2: string;
const pallet = ssccUri(freshSscc());
const bagLot = `BAG-${RUN}`;

const traceOf = (id: string) => t.client.evaluate<TraceView>(Users.retailer, 'Trace', [id]);
const steps = (view: TraceView) =>
  view.journey.map(
    (e) => `${e.record.event.bizStep ?? e.record.event.type}@${e.record.event.eventTime.slice(0, 10)}`,
  );

beforeAll(async () => {
  t = await openLedgerUnderTest();
  for (const key of ['green', 'roasted', 'bag'] as const)
    GTIN[key] = await freshGtin(t.client, Users.retailer);
  green = lotUri(GTIN.green, `G-${RUN}`);
  roasted = lotUri(GTIN.roasted, `R-${RUN}`);
  bag1 = itemUri(GTIN.bag, `B1-${RUN}`);
  bag2 = itemUri(GTIN.bag, `B2-${RUN}`);
  for (const [gtin, name] of [
    [GTIN.green, 'Green coffee'],
    [GTIN.roasted, 'Roasted coffee'],
    [GTIN.bag, 'Coffee bag 250 g'],
  ] as const) {
    await t.client.submit(Users.farmer, 'RegisterProduct', [
      JSON.stringify({ gtin, name, family: 'coffee' }),
    ]);
  }
  await t.client.submit(Users.farmer, 'RegisterLot', [
    JSON.stringify({ gtin: GTIN.green, lot: `G-${RUN}`, origin: { country: 'CO' } }),
  ]);
  await t.client.submit(Users.roaster, 'RegisterLot', [
    JSON.stringify({ gtin: GTIN.roasted, lot: `R-${RUN}` }),
  ]);
  await t.client.submit(Users.farmer, 'RecordEvents', [
    batch([
      observe(
        { quantityList: [{ epcClass: green }] },
        'urn:trace:bizstep:harvesting',
        GLN.farm,
        '2026-01-10T08:00:00Z',
      ),
    ]),
  ]);
  await t.client.submit(Users.carrier, 'RecordEvents', [
    batch([observe({ quantityList: [{ epcClass: green }] }, 'shipping', GLN.port, '2026-02-01T08:00:00Z')]),
  ]);
  await t.client.submit(Users.roaster, 'RecordEvents', [
    batch([
      transform([green], [roasted], 'urn:trace:bizstep:roasting', GLN.roastery, '2026-03-01T08:00:00Z'),
    ]),
  ]);
  // Bulk roasted coffee becomes serialised bags: a transformation with the bags' lot in ILMD.
  await t.client.submit(Users.roaster, 'RecordEvents', [
    batch([
      {
        type: 'TransformationEvent',
        eventTime: '2026-03-02T08:00:00Z',
        eventTimeZoneOffset: '+00:00',
        inputQuantityList: [{ epcClass: roasted, quantity: 0.5, uom: 'KGM' }],
        outputEPCList: [bag1, bag2],
        bizStep: 'commissioning',
        readPoint: { id: `https://id.gs1.org/414/${GLN.roastery}` },
        ilmd: { 'cbvmda:lotNumber': bagLot },
      },
    ]),
  ]);
  await t.client.submit(Users.carrier, 'RecordEvents', [
    batch([pack(pallet, [bag1, bag2], 'ADD', GLN.roastery, '2026-03-03T08:00:00Z')]),
  ]);
  await t.client.submit(Users.carrier, 'RecordEvents', [
    batch([observe({ epcList: [pallet] }, 'shipping', GLN.roastery, '2026-03-04T08:00:00Z')]),
  ]);
  await t.client.submit(Users.retailer, 'RecordEvents', [
    batch([pack(pallet, [bag1], 'DELETE', GLN.cafe, '2026-03-05T08:00:00Z')]),
  ]);
  // After bag1 left the pallet, the pallet's further travels are not bag1's.
  await t.client.submit(Users.carrier, 'RecordEvents', [
    batch([observe({ epcList: [pallet] }, 'departing', GLN.cafe, '2026-03-06T08:00:00Z')]),
  ]);
});
afterAll(async () => t.close());

describe('trace', () => {
  it('follows an item back through its lot, the roast and the green lot, with the pallet while packed, in time order', async () => {
    const view = await traceOf(bag1);
    expect(steps(view)).toEqual([
      'urn:trace:bizstep:harvesting@2026-01-10',
      'shipping@2026-02-01',
      'urn:trace:bizstep:roasting@2026-03-01',
      'commissioning@2026-03-02',
      'packing@2026-03-03',
      'shipping@2026-03-04',
      'unpacking@2026-03-05',
    ]);
    expect(view.nodes.find((n) => n.id === green)?.relation).toBe('ancestor');
    expect(view.nodes.find((n) => n.id === pallet)?.relation).toBe('container');
    expect(view.products.map((p) => p.name).sort()).toEqual([
      'Coffee bag 250 g',
      'Green coffee',
      'Roasted coffee',
    ]);
  });

  it('keeps the pallet journey of an item still on it', async () => {
    expect(steps(await traceOf(bag2))).toContain('departing@2026-03-06');
  });

  it('finds descendants forward from the green lot', async () => {
    const view = await traceOf(green);
    expect(
      view.nodes
        .filter((n) => n.relation === 'descendant')
        .map((n) => n.id)
        .sort(),
    ).toEqual([bag1, bag2, roasted].sort());
    expect(view.forward.map((e) => e.record.event.bizStep)).toContain('commissioning');
  });

  it('accepts EPC URNs for the same things', async () => {
    const byUrn = await traceOf(sgtinUrn(GTIN.bag, `B1-${RUN}`));
    expect(byUrn.subject).toBe(bag1);
  });

  it('makes serialised items members of the lot named in their ILMD', async () => {
    const view = await traceOf(bag1);
    expect(view.nodes.find((n) => n.id === lotUri(GTIN.bag, bagLot))?.relation).toBe('ancestor');
  });
});

describe('nested aggregation', () => {
  it('follows an item in its case onto a pallet while both are packed, and not after the case leaves', async () => {
    const item = itemUri(GTIN.bag, `N1-${RUN}`);
    const kase = ssccUri(freshSscc());
    const outer = ssccUri(freshSscc());
    await t.client.submit(Users.roaster, 'RecordEvents', [
      batch([commission([item], bagLot, GLN.roastery, '2026-04-01T08:00:00Z')]),
    ]);
    await t.client.submit(Users.roaster, 'RecordEvents', [
      batch([pack(kase, [item], 'ADD', GLN.roastery, '2026-04-02T08:00:00Z')]),
    ]);
    await t.client.submit(Users.carrier, 'RecordEvents', [
      batch([pack(outer, [kase], 'ADD', GLN.roastery, '2026-04-03T08:00:00Z')]),
    ]);
    await t.client.submit(Users.carrier, 'RecordEvents', [
      batch([observe({ epcList: [outer] }, 'shipping', GLN.roastery, '2026-04-04T08:00:00Z')]),
    ]);
    await t.client.submit(Users.retailer, 'RecordEvents', [
      batch([pack(outer, [kase], 'DELETE', GLN.cafe, '2026-04-05T08:00:00Z')]),
    ]);
    await t.client.submit(Users.carrier, 'RecordEvents', [
      batch([observe({ epcList: [outer] }, 'departing', GLN.cafe, '2026-04-06T08:00:00Z')]),
    ]);

    const view = await traceOf(item);
    expect(steps(view)).toEqual([
      'commissioning@2026-04-01',
      'packing@2026-04-02',
      'packing@2026-04-03',
      'shipping@2026-04-04',
      'unpacking@2026-04-05',
    ]);
    expect(
      view.nodes
        .filter((n) => n.relation === 'container')
        .map((n) => n.id)
        .sort(),
    ).toEqual([kase, outer].sort());
  });
});

describe('recall', () => {
  it('marks every descendant of a recalled lot, and not its ancestors', async () => {
    await t.client.submit(Users.regulator, 'RecallLot', [
      JSON.stringify({ id: roasted, reason: 'Foreign matter found' }),
    ]);
    for (const id of [roasted, bag1, bag2]) {
      const view = await traceOf(id);
      expect(view.recalls.map((r) => r.reason)).toEqual(['Foreign matter found']);
    }
    expect((await traceOf(green)).recalls).toEqual([]);
    expect(steps(await traceOf(bag1))).toContain(`holding@${new Date().toISOString().slice(0, 10)}`);
  });

  it('refuses a second recall of the same lot', async () => {
    await expect(
      t.client.submit(Users.regulator, 'RecallLot', [JSON.stringify({ id: roasted, reason: 'again' })]),
    ).rejects.toThrow(/^ALREADY_EXISTS: recall.id/);
  });
});

describe('error declaration', () => {
  it('retracts an event without editing it, links the corrective event, and refuses other organisations', async () => {
    const wrong = observe(
      { quantityList: [{ epcClass: green }] },
      'receiving',
      GLN.station,
      '2026-01-20T08:00:00Z',
    );
    const { value } = await t.client.submit<{ eventIDs: string[] }>(Users.farmer, 'RecordEvents', [
      batch([wrong]),
    ]);
    const wrongId = value.eventIDs[0]!;
    const fixed = await t.client.submit<{ eventIDs: string[] }>(Users.farmer, 'RecordEvents', [
      batch([
        observe({ quantityList: [{ epcClass: green }] }, 'receiving', GLN.station, '2026-01-21T08:00:00Z'),
      ]),
    ]);
    const declaration = JSON.stringify({
      eventID: wrongId,
      reason: 'incorrect_data',
      correctiveEventIDs: fixed.value.eventIDs,
    });
    await expect(t.client.submit(Users.carrier, 'DeclareError', [declaration])).rejects.toThrow(
      /^FORBIDDEN: eventID/,
    );
    await t.client.submit(Users.farmer, 'DeclareError', [declaration]);

    const stored = await t.client.evaluate<{
      event: { eventTime: string };
      errorDeclaration: { reason: string; correctiveEventIDs: string[] };
    }>(Users.retailer, 'GetEvent', [wrongId]);
    expect(stored.event.eventTime).toBe('2026-01-20T08:00:00Z');
    expect(stored.errorDeclaration.reason).toBe('incorrect_data');
    expect(stored.errorDeclaration.correctiveEventIDs).toEqual(fixed.value.eventIDs);
    const history = await t.client.evaluate<unknown[]>(Users.retailer, 'History', ['event', wrongId]);
    expect(history).toHaveLength(1);
    const inTrace = (await traceOf(green)).journey.find((e) => e.record.event.eventID === wrongId);
    expect(inTrace?.errorDeclaration?.reason).toBe('incorrect_data');
  });
});
