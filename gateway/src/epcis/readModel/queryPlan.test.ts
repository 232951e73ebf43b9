import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EventRecord } from '../../../../chaincode/src/api';
import { EpcisEventStore } from './eventStore';
import type { EventQuery } from './queryPlan';

const N = 3000;
const place = (i: number) => `https://id.gs1.org/414/95212340000${['06', '13', '20'][i % 3]!}`;
const STEPS = ['receiving', 'shipping', 'storing', 'inspecting'];
const CBV = 'https://ref.gs1.org/cbv/';

function record(i: number): EventRecord {
  return {
    event: {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      // Not in arrival order: event time order and seq order differ.
      eventTime: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % N) * 60_000).toISOString(),
      eventTimeZoneOffset: '+00:00',
      eventID: `urn:uuid:test-${i}`,
      recordTime: new Date(Date.UTC(2026, 6, 1) + i).toISOString(),
      epcList: [`https://id.gs1.org/01/09506000134376/21/S${i}`],
      bizStep: STEPS[i % 4]!,
      disposition: i % 5 === 0 ? 'in_transit' : 'in_progress',
      readPoint: { id: place(i) },
    },
    provenance: { mspId: 'M', role: 'logistics', txId: 't', recordedAt: '2026-07-01T00:00:00Z' },
    visibility: 'public',
  };
}

let dir: string;
let store: EpcisEventStore;
const records = Array.from({ length: N }, (_, i) => record(i));

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'trace-queryplan-'));
  store = await EpcisEventStore.open(dir);
  for (let i = 0; i < N; i += 500) await store.applyRecords(records.slice(i, i + 500), BigInt(i));
});
afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function all(query: EventQuery, perPage: number): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await store.query(query, perPage, token);
    ids.push(...page.events.map((e) => String(e.eventID)));
    token = page.nextPageToken;
    if (token === undefined) return ids;
  }
  throw new Error('paging did not end');
}

const brute = (pred: (r: EventRecord) => boolean): string[] =>
  records
    .filter(pred)
    .map((r) => r.event.eventID)
    .sort();

describe('query plans over the read model indexes', () => {
  // Each of these parameters matches far more than the selectivity probe reads: the plan is a join.
  const three: EventQuery = {
    filters: [
      { param: 'bizStep', values: [`${CBV}BizStep-shipping`] },
      { param: 'disposition', values: [`${CBV}Disp-in_transit`] },
      { param: 'readPoint', values: [place(2)] },
    ],
  };
  const expected = brute(
    (r) =>
      r.event.bizStep === 'shipping' &&
      r.event.disposition === 'in_transit' &&
      r.event.readPoint!.id === place(2),
  );

  it('intersects large postings exactly (join), in event time order', async () => {
    expect(expected.length).toBeGreaterThan(10);
    const page = await store.query(three, 1000);
    expect(page.events.map((e) => String(e.eventID)).sort()).toEqual(expected);
    const times = page.events.map((e) => String(e.eventTime));
    expect(times).toEqual([...times].sort());
  });

  it('pages through a join without losing or repeating an event', async () => {
    const paged = await all(three, 7);
    expect(paged.sort()).toEqual(expected);
  });

  it('narrows an equality posting by an eventTime window', async () => {
    const window = { ge: '2026-01-01T10:00:00.000Z', lt: '2026-01-01T20:00:00.000Z' };
    const got = await all({ filters: [{ param: 'readPoint', values: [place(1)] }], eventTime: window }, 50);
    expect(got.sort()).toEqual(
      brute(
        (r) =>
          r.event.readPoint!.id === place(1) &&
          r.event.eventTime >= window.ge &&
          r.event.eventTime < window.lt,
      ),
    );
  });

  it('combines a multi-valued parameter with a join and a recordTime bound', async () => {
    const q: EventQuery = {
      filters: [
        { param: 'bizStep', values: [`${CBV}BizStep-receiving`, `${CBV}BizStep-storing`] },
        { param: 'disposition', values: [`${CBV}Disp-in_progress`] },
        { param: 'readPoint', values: [place(0)] },
      ],
      recordTime: { ge: records[1000]!.event.recordTime },
    };
    const got = await all(q, 40);
    expect(got.sort()).toEqual(
      brute(
        (r) =>
          ['receiving', 'storing'].includes(r.event.bizStep!) &&
          r.event.disposition === 'in_progress' &&
          r.event.readPoint!.id === place(0) &&
          r.event.recordTime >= records[1000]!.event.recordTime,
      ),
    );
  });
});
