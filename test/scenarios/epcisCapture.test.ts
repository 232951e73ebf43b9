/**
 * EPCIS 2.0 through the gateway's REST binding, as a partner's system uses it: a document captured with
 * POST /epcis/capture (a job, rolled back or proceeding past refused events), single events and their 409, and
 * the captured events found again with the standard query parameters, paged, as schema-valid EPCIS documents.
 */
import { validateEpcisDocument } from '../../gateway/src/epcis/schema';
import { GLN, GTIN, glnUri, itemUri, lotUri } from '../helpers/epcisBuilders';
import { Users } from '../helpers/tempLedger';
import { RUN } from './freshIds';
import { startScenarioGateway, type ScenarioGateway } from './scenarioGateway';

type Json = Record<string, unknown>;
let gw: ScenarioGateway;
const CONTEXT = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];
const lotA = lotUri(GTIN.green, `A-${RUN}`);
const lotB = lotUri(GTIN.green, `B-${RUN}`);

/** An observation of one bag of this run, at the port or the station. */
function bagEvent(i: number, serial = `R${i}-${RUN}`): Json {
  return {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    eventTime: new Date(Date.UTC(2026, 0, 10 + (i % 3), 8, i)).toISOString(),
    eventTimeZoneOffset: '+00:00',
    quantityList: [{ epcClass: i % 2 === 0 ? lotA : lotB, quantity: 10 + i, uom: 'KGM' }],
    epcList: [itemUri(GTIN.bag, serial)],
    bizStep: i % 4 === 0 ? 'shipping' : 'receiving',
    disposition: i % 4 === 0 ? 'in_transit' : 'in_progress',
    readPoint: { id: glnUri(i % 3 === 0 ? GLN.port : GLN.station) },
    bizLocation: { id: glnUri(i % 3 === 0 ? GLN.port : GLN.station) },
  };
}
const seeded = Array.from({ length: 12 }, (_, i) => bagEvent(i));
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
  gw.http.get('/epcis/events').query(q).set(gw.auth(Users.retailer));

beforeAll(async () => {
  gw = await startScenarioGateway();
});
afterAll(async () => gw.close());

describe('EPCIS capture and query', () => {
  it('captures a document as a job and finds its events by the standard query parameters', async () => {
    const res = await gw.http
      .post('/epcis/capture')
      .set(gw.auth(Users.carrier))
      .set('Content-Type', 'application/ld+json')
      .send(JSON.stringify(doc(seeded)));
    expect(res.status).toBe(202);
    expect(res.headers['gs1-epcis-version']).toBe('2.0.0');
    const job = await gw.finished(res.headers.location!, Users.carrier);
    expect(job).toMatchObject({ running: false, success: true, errors: [] });

    const shipped = await query({ MATCH_epcClass: lotA, EQ_bizStep: 'shipping', perPage: '1000' });
    expect(shipped.status).toBe(200);
    expect(validateEpcisDocument(shipped.body)).toEqual({ valid: true });
    const expected = seeded.filter(
      (e) => (e.quantityList as Json[])[0]!.epcClass === lotA && e.bizStep === 'shipping',
    );
    expect(
      eventsOf(shipped.body)
        .map((e) => e.epcList)
        .sort(),
    ).toEqual(expected.map((e) => e.epcList).sort());
    expect(expected.length).toBeGreaterThan(0);

    const byUrn = await query({ MATCH_anyEPC: `urn:epc:id:sgtin:9506000.013437.R5-${RUN}` });
    expect(eventsOf(byUrn.body).map((e) => e.epcList)).toEqual([[itemUri(GTIN.bag, `R5-${RUN}`)]]);
  });

  it('pages with perPage and nextPageToken, each event once, linked by rel="next"', async () => {
    const seen: unknown[] = [];
    let res = await query({ MATCH_epcClass: lotB, perPage: '2' });
    for (let pages = 0; pages < 20; pages++) {
      expect(res.headers['gs1-epcis-version']).toBe('2.0.0');
      seen.push(...eventsOf(res.body).map((e) => e.eventID));
      const link = res.headers.link;
      if (link === undefined) break;
      const next = /^<([^>]+)>; rel="next"$/.exec(link)![1]!;
      res = await gw.http.get(next).set(gw.auth(Users.retailer));
    }
    expect(seen.length).toBe(6);
    expect(new Set(seen).size).toBe(6);
  });
});

describe('EPCIS single events', () => {
  const event = {
    ...bagEvent(0),
    eventTime: '2026-02-01T10:00:00.000Z',
    epcList: [itemUri(GTIN.bag, `SINGLE-${RUN}`)],
  };

  it('records one event: 201 with its Location, then 409 when the same event comes again', async () => {
    const first = await gw.http.post('/epcis/events').set(gw.auth(Users.carrier)).send(event);
    expect(first.status).toBe(201);
    const id = (first.body as { eventID: string }).eventID;
    expect(id).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
    expect(first.headers.location).toBe(`/epcis/events/${encodeURIComponent(id)}`);
    const again = await gw.http.post('/epcis/events').set(gw.auth(Users.retailer)).send(event);
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((again.body as Json).type).toBe('epcisException:ResourceAlreadyExistsException');
    const back = await gw.http.get(first.headers.location!).set(gw.auth(Users.brand));
    expect(eventsOf(back.body).map((e) => e.eventID)).toEqual([id]);
  });

  it('answers 404 as problem+json for an unknown eventID', async () => {
    const res = await gw.http
      .get(`/epcis/events/${encodeURIComponent('urn:uuid:00000000-0000-0000-0000-000000000000')}`)
      .set(gw.auth(Users.brand));
    expect(res.status).toBe(404);
    expect((res.body as Json).type).toBe('epcisException:NoSuchResourceException');
  });

  it('refuses an event that breaks GS1 schema, naming the field', async () => {
    const res = await gw.http
      .post('/epcis/events')
      .set(gw.auth(Users.carrier))
      .send({ ...event, action: 'UPDATE' });
    expect(res.status).toBe(400);
    expect((res.body as Json).type).toBe('epcisException:ValidationException');
    expect(String((res.body as Json).detail)).toContain('/action');
  });

  it('is for members only', async () => {
    expect((await gw.http.get('/epcis/events')).status).toBe(401);
    expect((await gw.http.post('/epcis/capture').send(doc([event]))).status).toBe(401);
  });
});

describe('EPCIS capture jobs', () => {
  // A retailer may observe but not commission: the ledger refuses the second event.
  const allowed = {
    ...bagEvent(1),
    eventTime: '2026-03-01T10:00:00.000Z',
    epcList: [itemUri(GTIN.bag, `JOB-OK-${RUN}`)],
  };
  const refused = {
    type: 'ObjectEvent',
    action: 'ADD',
    eventTime: '2026-03-01T10:01:00.000Z',
    eventTimeZoneOffset: '+00:00',
    epcList: [itemUri(GTIN.bag, `JOB-NO-${RUN}`)],
    bizStep: 'commissioning',
    readPoint: { id: glnUri(GLN.cafe) },
  };
  const stored = async (serial: string) =>
    eventsOf((await query({ MATCH_epc: itemUri(GTIN.bag, serial) })).body).length;

  it('rolls the whole document back when one event is refused (the default)', async () => {
    const res = await gw.http
      .post('/epcis/capture')
      .set(gw.auth(Users.retailer))
      .send(doc([allowed, refused]));
    expect(res.status).toBe(202);
    const job = await gw.finished(res.headers.location!, Users.retailer);
    expect(job).toMatchObject({ running: false, success: false, captureErrorBehaviour: 'rollback' });
    expect((job.errors as Json[])[0]).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(await stored(`JOB-OK-${RUN}`)).toBe(0);
  });

  it('records the good events and reports the refused one with proceed', async () => {
    const res = await gw.http
      .post('/epcis/capture')
      .set(gw.auth(Users.retailer))
      .set('GS1-Capture-Error-Behaviour', 'proceed')
      .send(doc([allowed, refused]));
    const job = await gw.finished(res.headers.location!, Users.retailer);
    expect(job).toMatchObject({ success: false, captureErrorBehaviour: 'proceed' });
    expect(job.errors).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN', instance: '/epcisBody/eventList/1' }),
    ]);
    expect(await stored(`JOB-OK-${RUN}`)).toBe(1);
    expect(await stored(`JOB-NO-${RUN}`)).toBe(0);
  });

  it('refuses a schema-invalid document at once, before any job', async () => {
    const bad = doc([{ ...allowed, eventTime: 'yesterday' }]);
    const res = await gw.http.post('/epcis/capture').set(gw.auth(Users.retailer)).send(bad);
    expect(res.status).toBe(400);
    expect(String((res.body as Json).detail)).toContain('/epcisBody/eventList/0/eventTime');
  });

  it('refuses a rollback document larger than one transaction with 413', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({
      ...allowed,
      epcList: [itemUri(GTIN.bag, `BIG${i}-${RUN}`)],
    }));
    const res = await gw.http.post('/epcis/capture').set(gw.auth(Users.retailer)).send(doc(many));
    expect(res.status).toBe(413);
    expect((res.body as Json).type).toBe('epcisException:CaptureLimitExceededException');
    expect(res.headers['gs1-epcis-capture-limit']).toBe('1000');
  });

  it('answers 404 for an unknown capture job', async () => {
    expect((await gw.http.get('/epcis/capture/nope').set(gw.auth(Users.retailer))).status).toBe(404);
  });

  it('refuses a client asking for another EPCIS version with 406', async () => {
    const res = await gw.http
      .get('/epcis/events')
      .set(gw.auth(Users.retailer))
      .set('GS1-EPCIS-Version', '1.2');
    expect(res.status).toBe(406);
  });
});
