/**
 * Journeys through aggregation and transformation, recall propagation to descendants, and corrections by
 * error declaration — through the real contract on the embedded ledger.
 */
import type { TraceView } from '../../chaincode/src/api';
import { GLN, GTIN, SSCC, batch, itemUri, lotUri, observe, pack, ssccUri, transform } from '../helpers/epcisBuilders';
import { openTempLedger, Users, type TempLedger } from '../helpers/tempLedger';

let t: TempLedger;
const green = lotUri(GTIN.green, 'G-2026-01');
const roasted = lotUri(GTIN.roasted, 'R-2026-07');
const bag1 = itemUri(GTIN.bag, 'B0001');
const bag2 = itemUri(GTIN.bag, 'B0002');
const pallet = ssccUri(SSCC.pallet);

const traceOf = (id: string) => t.calls.evaluate<TraceView>(Users.retailer, 'Trace', [id]);
const steps = (view: TraceView) => view.journey.map((e) => `${e.record.event.bizStep ?? e.record.event.type}@${e.record.event.eventTime.slice(0, 10)}`);

beforeAll(async () => {
  t = await openTempLedger();
  for (const [gtin, name] of [[GTIN.green, 'Green coffee'], [GTIN.roasted, 'Roasted coffee'], [GTIN.bag, 'Coffee bag 250 g']] as const) {
    await t.calls.submit(Users.farmer, 'RegisterProduct', [JSON.stringify({ gtin, name, family: 'coffee' })]);
  }
  await t.calls.submit(Users.farmer, 'RegisterLot', [JSON.stringify({ gtin: GTIN.green, lot: 'G-2026-01', origin: { country: 'CO' } })]);
  await t.calls.submit(Users.roaster, 'RegisterLot', [JSON.stringify({ gtin: GTIN.roasted, lot: 'R-2026-07' })]);
  await t.calls.submit(Users.farmer, 'RecordEvents', [batch([observe({ quantityList: [{ epcClass: green }] }, 'urn:trace:bizstep:harvesting', GLN.farm, '2026-01-10T08:00:00Z')])]);
  await t.calls.submit(Users.carrier, 'RecordEvents', [batch([observe({ quantityList: [{ epcClass: green }] }, 'shipping', GLN.port, '2026-02-01T08:00:00Z')])]);
  await t.calls.submit(Users.roaster, 'RecordEvents', [batch([transform([green], [roasted], 'urn:trace:bizstep:roasting', GLN.roastery, '2026-03-01T08:00:00Z')])]);
  // Bulk roasted coffee becomes serialised bags: a transformation with the bags' lot in ILMD.
  await t.calls.submit(Users.roaster, 'RecordEvents', [
    batch([
      {
        type: 'TransformationEvent',
        eventTime: '2026-03-02T08:00:00Z',
        eventTimeZoneOffset: '+00:00',
        inputQuantityList: [{ epcClass: roasted, quantity: 0.5, uom: 'KGM' }],
        outputEPCList: [bag1, bag2],
        bizStep: 'commissioning',
        readPoint: { id: `https://id.gs1.org/414/${GLN.roastery}` },
        ilmd: { 'cbvmda:lotNumber': 'BAG-07' },
      },
    ]),
  ]);
  await t.calls.submit(Users.carrier, 'RecordEvents', [batch([pack(pallet, [bag1, bag2], 'ADD', GLN.roastery, '2026-03-03T08:00:00Z')])]);
  await t.calls.submit(Users.carrier, 'RecordEvents', [batch([observe({ epcList: [pallet] }, 'shipping', GLN.roastery, '2026-03-04T08:00:00Z')])]);
  await t.calls.submit(Users.retailer, 'RecordEvents', [batch([pack(pallet, [bag1], 'DELETE', GLN.cafe, '2026-03-05T08:00:00Z')])]);
  // After bag1 left the pallet, the pallet's further travels are not bag1's.
  await t.calls.submit(Users.carrier, 'RecordEvents', [batch([observe({ epcList: [pallet] }, 'departing', GLN.cafe, '2026-03-06T08:00:00Z')])]);
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
    expect(view.products.map((p) => p.name).sort()).toEqual(['Coffee bag 250 g', 'Green coffee', 'Roasted coffee']);
  });

  it('keeps the pallet journey of an item still on it', async () => {
    expect(steps(await traceOf(bag2))).toContain('departing@2026-03-06');
  });

  it('finds descendants forward from the green lot', async () => {
    const view = await traceOf(green);
    expect(view.nodes.filter((n) => n.relation === 'descendant').map((n) => n.id).sort()).toEqual([bag1, bag2, roasted].sort());
    expect(view.forward.map((e) => e.record.event.bizStep)).toContain('commissioning');
  });

  it('accepts EPC URNs for the same things', async () => {
    const byUrn = await traceOf('urn:epc:id:sgtin:9506000.013437.B0001');
    expect(byUrn.subject).toBe(bag1);
  });

  it('makes serialised items members of the lot named in their ILMD', async () => {
    const view = await traceOf(bag1);
    expect(view.nodes.find((n) => n.id === lotUri(GTIN.bag, 'BAG-07'))?.relation).toBe('ancestor');
  });
});

describe('recall', () => {
  it('marks every descendant of a recalled lot, and not its ancestors', async () => {
    await t.calls.submit(Users.regulator, 'RecallLot', [JSON.stringify({ id: roasted, reason: 'Foreign matter found' })]);
    for (const id of [roasted, bag1, bag2]) {
      const view = await traceOf(id);
      expect(view.recalls.map((r) => r.reason)).toEqual(['Foreign matter found']);
    }
    expect((await traceOf(green)).recalls).toEqual([]);
    expect(steps(await traceOf(bag1))).toContain(`holding@${new Date().toISOString().slice(0, 10)}`);
  });

  it('refuses a second recall of the same lot', async () => {
    await expect(t.calls.submit(Users.regulator, 'RecallLot', [JSON.stringify({ id: roasted, reason: 'again' })])).rejects.toThrow(/^ALREADY_EXISTS: recall.id/);
  });
});

describe('error declaration', () => {
  it('retracts an event without editing it, links the corrective event, and refuses other organisations', async () => {
    const wrong = observe({ quantityList: [{ epcClass: green }] }, 'receiving', GLN.station, '2026-01-20T08:00:00Z');
    const { value } = await t.calls.submit<{ eventIDs: string[] }>(Users.farmer, 'RecordEvents', [batch([wrong])]);
    const wrongId = value.eventIDs[0]!;
    const fixed = await t.calls.submit<{ eventIDs: string[] }>(Users.farmer, 'RecordEvents', [
      batch([observe({ quantityList: [{ epcClass: green }] }, 'receiving', GLN.station, '2026-01-21T08:00:00Z')]),
    ]);
    const declaration = JSON.stringify({ eventID: wrongId, reason: 'incorrect_data', correctiveEventIDs: fixed.value.eventIDs });
    await expect(t.calls.submit(Users.carrier, 'DeclareError', [declaration])).rejects.toThrow(/^FORBIDDEN: eventID/);
    await t.calls.submit(Users.farmer, 'DeclareError', [declaration]);

    const stored = await t.calls.evaluate<{ event: { eventTime: string }; errorDeclaration: { reason: string; correctiveEventIDs: string[] } }>(
      Users.retailer, 'GetEvent', [wrongId]);
    expect(stored.event.eventTime).toBe('2026-01-20T08:00:00Z');
    expect(stored.errorDeclaration.reason).toBe('incorrect_data');
    expect(stored.errorDeclaration.correctiveEventIDs).toEqual(fixed.value.eventIDs);
    const history = await t.calls.evaluate<unknown[]>(Users.retailer, 'History', ['event', wrongId]);
    expect(history).toHaveLength(1);
    const inTrace = (await traceOf(green)).journey.find((e) => e.record.event.eventID === wrongId);
    expect(inTrace?.errorDeclaration?.reason).toBe('incorrect_data');
  });
});
