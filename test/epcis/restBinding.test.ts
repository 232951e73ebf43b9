/**
 * The EPCIS 2.0 REST binding over the real gateway and ledger: single-event capture and its 409, capture jobs
 * with rollback and proceed, the standard query parameters with paging, EPCIS headers, and failures as
 * problem+json EPCIS exceptions.
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
const doc = (eventList: Json[]): Json => ({ '@context': CONTEXT, type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-01-20T00:00:00Z', epcisBody: { eventList } });
const eventsOf = (body: unknown): Json[] => (body as { epcisBody: { queryResults: { resultsBody: { eventList: Json[] } } } }).epcisBody.queryResults.resultsBody.eventList;
const query = (q: Record<string, string>) => request(h.app).get('/epcis/events').query(q).set(h.auth('retailer'));

beforeAll(async () => {
  h = await openEpcisHarness();
  const res = await request(h.app).post('/epcis/capture').set(h.auth('carrier')).send(doc(seeded));
  expect(res.status).toBe(202);
  expect((await h.finished(res.headers.location!, 'carrier')).success).toBe(true);
});
afterAll(async () => h.close());

describe('EPCIS single events', () => {
  const event = { ...seedEvents()[0]!, eventTime: '2026-02-01T10:00:00.000Z', epcList: [itemUri(GTIN.bag, 'SINGLE-1')] };

  it('records one event: 201 with its Location, then 409 when the same event comes again', async () => {
    const first = await request(h.app).post('/epcis/events').set(h.auth('carrier')).send(event);
    expect(first.status).toBe(201);
    const id = (first.body as { eventID: string }).eventID;
    expect(id).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
    expect(first.headers.location).toBe(`/epcis/events/${encodeURIComponent(id)}`);
    const again = await request(h.app).post('/epcis/events').set(h.auth('retailer')).send(event);
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((again.body as Json).type).toBe('epcisException:ResourceAlreadyExistsException');
    const back = await request(h.app).get(first.headers.location!).set(h.auth('brand'));
    expect(eventsOf(back.body).map((e) => e.eventID)).toEqual([id]);
  });

  it('answers 404 as problem+json for an unknown eventID', async () => {
    const res = await request(h.app).get(`/epcis/events/${encodeURIComponent('urn:uuid:00000000-0000-0000-0000-000000000000')}`).set(h.auth('brand'));
    expect(res.status).toBe(404);
    expect((res.body as Json).type).toBe('epcisException:NoSuchResourceException');
  });

  it('refuses an event that breaks GS1 schema, naming the field', async () => {
    const res = await request(h.app).post('/epcis/events').set(h.auth('carrier')).send({ ...event, action: 'UPDATE' });
    expect(res.status).toBe(400);
    expect((res.body as Json).type).toBe('epcisException:ValidationException');
    expect(String((res.body as Json).detail)).toContain('/action');
  });

  it('is for members only', async () => {
    expect((await request(h.app).get('/epcis/events')).status).toBe(401);
    expect((await request(h.app).post('/epcis/capture').send(doc([event]))).status).toBe(401);
  });
});

describe('EPCIS capture jobs', () => {
  // A retailer may observe but not commission: the ledger refuses the second event.
  const allowed = { ...seedEvents()[1]!, eventTime: '2026-03-01T10:00:00.000Z', epcList: [itemUri(GTIN.bag, 'JOB-OK')] };
  const refused = { type: 'ObjectEvent', action: 'ADD', eventTime: '2026-03-01T10:01:00.000Z', eventTimeZoneOffset: '+00:00', epcList: [itemUri(GTIN.bag, 'JOB-NO')], bizStep: 'commissioning', readPoint: { id: glnUri(GLN.cafe) } };
  const stored = async (tag: string) => eventsOf((await query({ MATCH_epc: itemUri(GTIN.bag, tag) })).body).length;

  it('rolls the whole document back when one event is refused (the default)', async () => {
    const res = await request(h.app).post('/epcis/capture').set(h.auth('retailer')).send(doc([allowed, refused]));
    expect(res.status).toBe(202);
    const job = await h.finished(res.headers.location!, 'retailer');
    expect(job).toMatchObject({ running: false, success: false, captureErrorBehaviour: 'rollback' });
    expect((job.errors as Json[])[0]).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(await stored('JOB-OK')).toBe(0);
  });

  it('records the good events and reports the refused one with proceed', async () => {
    const res = await request(h.app).post('/epcis/capture').set(h.auth('retailer')).set('GS1-Capture-Error-Behaviour', 'proceed').send(doc([allowed, refused]));
    const job = await h.finished(res.headers.location!, 'retailer');
    expect(job).toMatchObject({ success: false, captureErrorBehaviour: 'proceed' });
    expect(job.errors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', instance: '/epcisBody/eventList/1' })]);
    expect(await stored('JOB-OK')).toBe(1);
    expect(await stored('JOB-NO')).toBe(0);
  });

  it('refuses a schema-invalid document at once, before any job', async () => {
    const bad = doc([{ ...allowed, eventTime: 'yesterday' }]);
    const res = await request(h.app).post('/epcis/capture').set(h.auth('retailer')).send(bad);
    expect(res.status).toBe(400);
    expect(String((res.body as Json).detail)).toContain('/epcisBody/eventList/0/eventTime');
  });

  it('refuses a rollback document larger than one transaction with 413', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ ...allowed, epcList: [itemUri(GTIN.bag, `BIG${i}`)] }));
    const res = await request(h.app).post('/epcis/capture').set(h.auth('retailer')).send(doc(many));
    expect(res.status).toBe(413);
    expect((res.body as Json).type).toBe('epcisException:CaptureLimitExceededException');
    expect(res.headers['gs1-epcis-capture-limit']).toBe('1000');
  });

  it('answers 404 for an unknown capture job', async () => {
    expect((await request(h.app).get('/epcis/capture/nope').set(h.auth('retailer'))).status).toBe(404);
  });

  it('refuses a client asking for another EPCIS version with 406', async () => {
    const res = await request(h.app).get('/epcis/events').set(h.auth('retailer')).set('GS1-EPCIS-Version', '1.2');
    expect(res.status).toBe(406);
  });
});

describe('EPCIS SimpleEventQuery', () => {
  const expected = (pred: (e: Json) => boolean) => seeded.filter(pred).map((e) => e.epcList).sort();
  const got = (events: Json[]) => events.map((e) => e.epcList).sort();
  const inSeed = (e: Json) => String((e.epcList as string[])[0]).includes('/21/R');

  it.each([
    ['EQ_bizStep', { EQ_bizStep: 'shipping' }, (e: Json) => e.bizStep === 'shipping'],
    ['EQ_bizStep as a CBV URI', { EQ_bizStep: 'https://ref.gs1.org/cbv/BizStep-shipping' }, (e: Json) => e.bizStep === 'shipping'],
    ['EQ_disposition', { EQ_disposition: 'in_progress' }, (e: Json) => e.disposition === 'in_progress'],
    ['MATCH_epcClass', { MATCH_epcClass: lotA }, (e: Json) => (e.quantityList as Json[])[0]!.epcClass === lotA],
    ['MATCH_anyEPC by EPC URN', { MATCH_anyEPC: 'urn:epc:id:sgtin:9506000.013437.R5' }, (e: Json) => (e.epcList as string[])[0] === itemUri(GTIN.bag, 'R5')],
    ['EQ_bizLocation', { EQ_bizLocation: glnUri(GLN.port) }, (e: Json) => (e.bizLocation as Json).id === glnUri(GLN.port)],
    ['EQ_readPoint with two values', { EQ_readPoint: `${glnUri(GLN.port)}|${glnUri(GLN.station)}` }, () => true],
    ['GE_eventTime/LT_eventTime', { GE_eventTime: '2026-01-11T00:00:00Z', LT_eventTime: '2026-01-12T00:00:00Z' }, (e: Json) => String(e.eventTime).startsWith('2026-01-11')],
    ['a combination', { EQ_bizStep: 'receiving', MATCH_epcClass: lotB, GE_eventTime: '2026-01-12T00:00:00+00:00' }, (e: Json) => e.bizStep === 'receiving' && (e.quantityList as Json[])[0]!.epcClass === lotB && String(e.eventTime) >= '2026-01-12'],
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
      seen.push(...eventsOf(res.body).filter(inSeed).map((e) => e.eventID));
      const link = res.headers.link;
      if (link === undefined) break;
      const next = /^<([^>]+)>; rel="next"$/.exec(link)![1]!;
      res = await request(h.app).get(next).set(h.auth('retailer'));
    }
    expect(seen.length).toBe(18);
    expect(new Set(seen).size).toBe(18);
  });

  it('refuses unknown parameters, a bad perPage and a foreign page token as QueryParameterException', async () => {
    const bad: Record<string, string>[] = [{ EQ_colour: 'red' }, { perPage: '0' }, { nextPageToken: 'garbage' }, { GE_eventTime: '2026-01-01' }];
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
