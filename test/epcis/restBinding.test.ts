/**
 * The EPCIS 2.0 REST binding over the real gateway and ledger: every standard query parameter with paging, EPCIS
 * headers, and query failures as problem+json EPCIS exceptions. Capture jobs (rollback, proceed) and single
 * events with their 409 are shared scenarios: test/scenarios/epcisCapture.test.ts.
 */
import request from 'supertest';
import { validateEpcisDocument } from '../../gateway/src/epcis/schema';
import { GLN, GTIN, glnUri, itemUri, lotUri } from '../helpers/epcisBuilders';
import { openEpcisHarness, type EpcisHarness } from '../helpers/epcisHarness';

type Json = Record<string, unknown>;
let h: EpcisHarness;
const CONTEXT = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];
const lotA = lotUri(GTIN.green, 'REST-A');
const lotB = lotUri(GTIN.green, 'REST-B');

/** 24 receiving/shipping events spread over three days, two lots, two places. */
function seedEvents(): Json[] {
  return Array.from({ length: 24 }, (_, i) => ({
    type: 'ObjectEvent',
    action: 'OBSERVE',
    eventTime: new Date(Date.UTC(2026, 0, 10 + (i % 3), 8, i)).toISOString(),
    eventTimeZoneOffset: '+00:00',
    quantityList: [{ epcClass: i % 2 === 0 ? lotA : lotB, quantity: 10 + i, uom: 'KGM' }],
    epcList: [itemUri(GTIN.bag, `R${i}`)],
    bizStep: i % 4 === 0 ? 'shipping' : 'receiving',
    disposition: i % 4 === 0 ? 'in_transit' : 'in_progress',
    readPoint: { id: glnUri(i % 3 === 0 ? GLN.port : GLN.station) },
    bizLocation: { id: glnUri(i % 3 === 0 ? GLN.port : GLN.station) },
  }));
}
const seeded = seedEvents();
const doc = (eventList: Json[]): Json => ({
  '@context': CONTEXT,
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2026-01-20T00:00:00Z',
  epcisBody: { eventList },
});
const eventsOf = (body: unknown): Json[] =>
  (body as { epcisBody: { queryResults: { resultsBody: { eventList: Json[] } } } }).epcisBody.queryResults
    .resultsBody.eventList;
const query = (q: Record<string, string>) =>
  request(h.app).get('/epcis/events').query(q).set(h.auth('retailer'));

beforeAll(async () => {
  h = await openEpcisHarness();
  const res = await request(h.app).post('/epcis/capture').set(h.auth('carrier')).send(doc(seeded));
  expect(res.status).toBe(202);
  expect((await h.finished(res.headers.location!, 'carrier')).success).toBe(true);
});
afterAll(async () => h.close());

describe('EPCIS SimpleEventQuery', () => {
  const expected = (pred: (e: Json) => boolean) =>
    seeded
      .filter(pred)
      .map((e) => e.epcList)
      .sort();
  const got = (events: Json[]) => events.map((e) => e.epcList).sort();
  const inSeed = (e: Json) => String((e.epcList as string[])[0]).includes('/21/R');

  it.each([
    ['EQ_bizStep', { EQ_bizStep: 'shipping' }, (e: Json) => e.bizStep === 'shipping'],
    [
      'EQ_bizStep as a CBV URI',
      { EQ_bizStep: 'https://ref.gs1.org/cbv/BizStep-shipping' },
      (e: Json) => e.bizStep === 'shipping',
    ],
    ['EQ_disposition', { EQ_disposition: 'in_progress' }, (e: Json) => e.disposition === 'in_progress'],
    [
      'MATCH_epcClass',
      { MATCH_epcClass: lotA },
      (e: Json) => (e.quantityList as Json[])[0]!.epcClass === lotA,
    ],
    [
      'MATCH_anyEPC by EPC URN',
      { MATCH_anyEPC: 'urn:epc:id:sgtin:9506000.013437.R5' },
      (e: Json) => (e.epcList as string[])[0] === itemUri(GTIN.bag, 'R5'),
    ],
    [
      'EQ_bizLocation',
      { EQ_bizLocation: glnUri(GLN.port) },
      (e: Json) => (e.bizLocation as Json).id === glnUri(GLN.port),
    ],
    [
      'EQ_readPoint with two values',
      { EQ_readPoint: `${glnUri(GLN.port)}|${glnUri(GLN.station)}` },
      () => true,
    ],
    [
      'GE_eventTime/LT_eventTime',
      { GE_eventTime: '2026-01-11T00:00:00Z', LT_eventTime: '2026-01-12T00:00:00Z' },
      (e: Json) => String(e.eventTime).startsWith('2026-01-11'),
    ],
    [
      'a combination',
      { EQ_bizStep: 'receiving', MATCH_epcClass: lotB, GE_eventTime: '2026-01-12T00:00:00+00:00' },
      (e: Json) =>
        e.bizStep === 'receiving' &&
        (e.quantityList as Json[])[0]!.epcClass === lotB &&
        String(e.eventTime) >= '2026-01-12',
    ],
  ])('filters by %s', async (_name, q, pred) => {
    const res = await query({ ...q, perPage: '1000' });
    expect(res.status).toBe(200);
    expect(validateEpcisDocument(res.body)).toEqual({ valid: true });
    expect(got(eventsOf(res.body).filter(inSeed))).toEqual(expected(pred));
  });

  it('filters by GE_recordTime: nothing recorded after now', async () => {
    const res = await query({ GE_recordTime: new Date(Date.now() + 60_000).toISOString() });
    expect(eventsOf(res.body)).toEqual([]);
    const all = await query({ GE_recordTime: '2020-01-01T00:00:00Z', MATCH_epcClass: lotA });
    expect(eventsOf(all.body).filter(inSeed).length).toBe(12);
  });

  it('pages with perPage and nextPageToken, each event once, linked by rel="next"', async () => {
    const seen: unknown[] = [];
    let res = await query({ EQ_bizStep: 'receiving', perPage: '5' });
    for (let pages = 0; pages < 20; pages++) {
      expect(res.headers['gs1-epcis-version']).toBe('2.0.0');
      seen.push(
        ...eventsOf(res.body)
          .filter(inSeed)
          .map((e) => e.eventID),
      );
      const link = res.headers.link;
      if (link === undefined) break;
      const next = /^<([^>]+)>; rel="next"$/.exec(link)![1]!;
      res = await request(h.app).get(next).set(h.auth('retailer'));
    }
    expect(seen.length).toBe(18);
    expect(new Set(seen).size).toBe(18);
  });

  it('refuses unknown parameters, a bad perPage and a foreign page token as QueryParameterException', async () => {
    const bad: Record<string, string>[] = [
      { EQ_colour: 'red' },
      { perPage: '0' },
      { nextPageToken: 'garbage' },
      { GE_eventTime: '2026-01-01' },
    ];
    for (const q of bad) {
      const res = await query(q);
      expect(res.status).toBe(400);
      expect((res.body as Json).type).toBe('epcisException:QueryParameterException');
    }
    const first = await query({ EQ_bizStep: 'receiving', perPage: '2' });
    const token = /nextPageToken=([^&>]+)/.exec(first.headers.link!)![1]!;
    const foreign = await query({ EQ_bizStep: 'shipping', nextPageToken: decodeURIComponent(token) });
    expect(foreign.status).toBe(400);
  });
});
