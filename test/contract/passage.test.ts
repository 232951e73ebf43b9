/**
 * Passage records: validation that names the field and changes nothing, idempotent scans, events stored
 * once per Event Hash ID and paged index queries (commercial details: test/scenarios/privateData.test.ts).
 */
import { GLN, GTIN, batch, glnUri, lotUri, observe } from '../helpers/epcisBuilders';
import { openTempLedger, Users, type TempLedger } from '../helpers/tempLedger';

let t: TempLedger;
const lot = lotUri(GTIN.chilled, 'C-1');

beforeAll(async () => {
  t = await openTempLedger();
  await t.calls.submit(Users.processor, 'RegisterProduct', [
    JSON.stringify({ gtin: GTIN.chilled, name: 'Chilled salad', family: 'food' }),
  ]);
});
afterAll(async () => t.close());

const count = async (id: string): Promise<number> =>
  (
    await t.calls.evaluate<{ records: unknown[] }>(Users.retailer, 'QueryEvents', [
      JSON.stringify({ by: 'subject', value: id, pageSize: 500 }),
    ])
  ).records.length;

describe('validation', () => {
  it.each([
    [
      'a wrong GTIN check digit',
      'RegisterProduct',
      { gtin: '09506000134353', name: 'x', family: 'food' },
      /^INVALID_ARGUMENT: product\.gtin: check digit/,
    ],
    [
      'an unknown family',
      'RegisterProduct',
      { gtin: '09521234000105', name: 'x', family: 'toys' },
      /^INVALID_ARGUMENT: product\.family: /,
    ],
    [
      'a lot of an unregistered product',
      'RegisterLot',
      { gtin: '09521234000112', lot: 'A' },
      /^NOT_FOUND: lot\.gtin: /,
    ],
    [
      'a polygon that does not close',
      'RegisterLot',
      {
        gtin: GTIN.chilled,
        lot: 'P',
        origin: {
          country: 'CO',
          plots: [
            {
              plotId: 'p1',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [0, 0],
                    [1, 0],
                    [1, 1],
                    [0, 1],
                  ],
                ],
              },
            },
          ],
        },
      },
      /^INVALID_ARGUMENT: lot\.origin\.plots\.0\.geometry/,
    ],
    [
      'a lowercase country',
      'RegisterLocation',
      { gln: GLN.farm, name: 'Farm', country: 'co' },
      /^INVALID_ARGUMENT: location\.country: /,
    ],
  ])('refuses %s, naming the field, and writes nothing', async (_what, fn, input, message) => {
    await expect(
      t.calls.submit(Users.processor, fn as 'RegisterProduct', [JSON.stringify(input)]),
    ).rejects.toThrow(message);
  });

  it.each([
    [
      'an ObjectEvent without action',
      {
        type: 'ObjectEvent',
        eventTime: '2026-01-01T00:00:00Z',
        eventTimeZoneOffset: '+00:00',
        epcList: [lot],
      },
      /^INVALID_ARGUMENT: events\[1\]\.action: /,
    ],
    [
      'a transformation without outputs',
      {
        type: 'TransformationEvent',
        eventTime: '2026-01-01T00:00:00Z',
        eventTimeZoneOffset: '+00:00',
        inputEPCList: [lot],
      },
      /^INVALID_ARGUMENT: events\[1\]\.inputEPCList: /,
    ],
    [
      'a time without offset',
      {
        ...observe({ epcList: [lot] }, 'receiving', GLN.cafe, '2026-01-01T00:00:00'),
        eventTimeZoneOffset: '+00:00',
      },
      /^INVALID_ARGUMENT: events\[1\]\.eventTime: /,
    ],
    [
      'an unknown bare bizStep',
      observe({ epcList: [lot] }, 'teleporting', GLN.cafe, '2026-01-01T00:00:00Z'),
      /^INVALID_ARGUMENT: events\[1\]\.bizStep: /,
    ],
    [
      'a bad GLN in readPoint',
      {
        ...observe({ epcList: [lot] }, 'receiving', GLN.cafe, '2026-01-01T00:00:00Z'),
        readPoint: { id: 'https://id.gs1.org/414/9521234000007' },
      },
      /^INVALID_ARGUMENT: events\[1\]\.readPoint\.id: /,
    ],
    [
      'an eventID that is not its hash',
      {
        ...observe({ epcList: [lot] }, 'receiving', GLN.cafe, '2026-01-01T00:00:00Z'),
        eventID: 'ni:///sha-256;00?ver=CBV2.0',
      },
      /^EVENT_ID_MISMATCH: events\[1\]\.eventID: /,
    ],
  ])('refuses %s in a batch, and records none of the batch', async (_what, bad, message) => {
    const good = observe(
      { quantityList: [{ epcClass: lotUri(GTIN.chilled, 'NOPE') }] },
      'receiving',
      GLN.cafe,
      '2026-01-01T00:00:00Z',
    );
    await expect(t.calls.submit(Users.processor, 'RecordEvents', [batch([good, bad])])).rejects.toThrow(
      message,
    );
    expect(await count(lotUri(GTIN.chilled, 'NOPE'))).toBe(0);
  });
});

describe('idempotency', () => {
  it('returns the first receipt for a retried scan and records nothing twice', async () => {
    const scan = batch(
      [observe({ quantityList: [{ epcClass: lot }] }, 'receiving', GLN.port, '2026-05-01T06:00:00Z')],
      'scan-0001-retry',
    );
    const first = await t.calls.submit<{ eventIDs: string[]; replayed: boolean; txId: string }>(
      Users.carrier,
      'RecordEvents',
      [scan],
    );
    const again = await t.calls.submit<{ eventIDs: string[]; replayed: boolean; txId: string }>(
      Users.carrier,
      'RecordEvents',
      [scan],
    );
    expect(first.value.replayed).toBe(false);
    expect(again.value.replayed).toBe(true);
    expect(again.value.eventIDs).toEqual(first.value.eventIDs);
    expect(again.value.txId).toBe(first.txId);
    expect(await count(lot)).toBe(1);
  });

  it('stores an identical event once (same Event Hash ID) even under another key', async () => {
    const event = observe({ quantityList: [{ epcClass: lot }] }, 'storing', GLN.port, '2026-05-01T07:00:00Z');
    const a = await t.calls.submit<{ eventIDs: string[]; duplicates: string[] }>(
      Users.carrier,
      'RecordEvents',
      [batch([event], 'key-aaaaaaaa')],
    );
    const b = await t.calls.submit<{ eventIDs: string[]; duplicates: string[] }>(
      Users.carrier,
      'RecordEvents',
      [batch([event], 'key-bbbbbbbb')],
    );
    expect(a.value.eventIDs).toHaveLength(1);
    expect(b.value.eventIDs).toEqual([]);
    expect(b.value.duplicates).toEqual(a.value.eventIDs);
    expect(a.value.eventIDs[0]).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
  });
});

describe('indexes', () => {
  it('pages events of a location in time order with a bookmark', async () => {
    const events = Array.from({ length: 7 }, (_, i) =>
      observe(
        { quantityList: [{ epcClass: lotUri(GTIN.chilled, `IX${i}`) }] },
        'storing',
        GLN.station,
        `2026-06-0${7 - i}T00:00:00Z`,
      ),
    );
    await t.calls.submit(Users.carrier, 'RecordEvents', [batch(events)]);
    const times: string[] = [];
    let bookmark = '';
    do {
      const page = await t.calls.evaluate<{ records: { event: { eventTime: string } }[]; bookmark: string }>(
        Users.retailer,
        'QueryEvents',
        [JSON.stringify({ by: 'location', value: glnUri(GLN.station), pageSize: 3, bookmark })],
      );
      times.push(...page.records.map((r) => r.event.eventTime));
      bookmark = page.bookmark;
    } while (bookmark !== '');
    expect(times).toEqual([...times].sort());
    expect(times).toHaveLength(7);
  });

  it('bounds a bizStep query by event time', async () => {
    const page = await t.calls.evaluate<{ records: { event: { eventTime: string } }[] }>(
      Users.retailer,
      'QueryEvents',
      [
        JSON.stringify({
          by: 'bizStep',
          value: 'storing',
          from: '2026-06-02T00:00:00Z',
          to: '2026-06-05T00:00:00Z',
        }),
      ],
    );
    expect(page.records.map((r) => r.event.eventTime)).toEqual([
      '2026-06-02T00:00:00Z',
      '2026-06-03T00:00:00Z',
      '2026-06-04T00:00:00Z',
    ]);
  });
});

describe('grouped scans (RecordScans)', () => {
  const scan = (key: string, lotNumber: string, minute: number) => ({
    idempotencyKey: key,
    events: [
      observe(
        { quantityList: [{ epcClass: lotUri(GTIN.chilled, lotNumber) }] },
        'receiving',
        GLN.cafe,
        `2026-07-01T10:${String(minute).padStart(2, '0')}:00Z`,
      ),
    ],
  });

  it('records each scan with its own receipt; a refused scan is left out alone, naming its field', async () => {
    await t.calls.submit(Users.carrier, 'RecordEvents', [
      batch(scan('group-pre-0001', 'G1', 0).events, 'group-pre-0001'),
    ]);
    const bad = {
      idempotencyKey: 'group-bad-0001',
      events: [{ ...observe({ epcList: [lot] }, 'teleporting', GLN.cafe, '2026-07-01T11:00:00Z') }],
    };
    const { value, txId } = await t.calls.submit<
      (
        | { receipt: { eventIDs: string[]; replayed: boolean; txId: string } }
        | { error: string; idempotencyKey: string }
      )[]
    >(Users.carrier, 'RecordScans', [
      JSON.stringify({
        scans: [
          scan('group-a-00001', 'G1', 1),
          bad,
          scan('group-pre-0001', 'G1', 0),
          scan('group-b-00001', 'G2', 2),
        ],
      }),
    ]);
    expect(value).toHaveLength(4);
    expect(value[0]).toMatchObject({ receipt: { replayed: false, txId } });
    expect(value[1]).toEqual({
      idempotencyKey: 'group-bad-0001',
      error: expect.stringMatching(/^INVALID_ARGUMENT: events\[0\]\.bizStep: /),
    });
    expect(value[2]).toMatchObject({ receipt: { replayed: true } });
    expect(value[3]).toMatchObject({ receipt: { replayed: false, txId } });
    expect(await count(lotUri(GTIN.chilled, 'G1'))).toBe(2);
    expect(await count(lotUri(GTIN.chilled, 'G2'))).toBe(1);
    // The refused scan wrote nothing, not even a receipt: a corrected retry under its key is recorded.
    const fixed = {
      idempotencyKey: 'group-bad-0001',
      events: [observe({ epcList: [lot] }, 'receiving', GLN.cafe, '2026-07-01T11:00:00Z')],
    };
    const retry = await t.calls.submit<{ receipt: { replayed: boolean } }[]>(Users.carrier, 'RecordScans', [
      JSON.stringify({ scans: [fixed] }),
    ]);
    expect(retry.value[0]!.receipt.replayed).toBe(false);
  });

  it('refuses a group whose scans repeat an idempotency key', async () => {
    const s = scan('group-dup-0001', 'G3', 3);
    await expect(
      t.calls.submit(Users.carrier, 'RecordScans', [JSON.stringify({ scans: [s, s] })]),
    ).rejects.toThrow(/^INVALID_ARGUMENT: group\.scans: idempotency keys must differ/);
  });
});
