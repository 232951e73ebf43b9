/**
 * Every official GS1 EPCIS 2.0 example imports through POST /epcis/capture, and each of its events comes back
 * out of GET /epcis/events equal in meaning: the same JSON once what a repository legitimately adds is
 * set aside (recordTime; eventID when the example's placeholder hash is replaced by the true one; the
 * document @context carried onto the event). Query answers validate against GS1's schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { eventHashId } from '../../chaincode/src/api';
import { validateEpcisDocument } from '../../gateway/src/epcis/schema';
import { openEpcisHarness, type EpcisHarness } from '../helpers/epcisHarness';

const EXAMPLES = path.join(__dirname, '../fixtures/epcis/examples');
type Json = Record<string, unknown>;
interface Doc extends Json {
  epcisBody: { eventList: Json[] };
}
const load = (file: string): Doc => JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as Doc;
// The error-declaration example re-captures an event of Example 9.6.1 (same hash): it comes after it.
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.jsonld'))
  .sort(
    (a, b) =>
      Number(a.includes('error-declaration')) - Number(b.includes('error-declaration')) || a.localeCompare(b),
  );

/** What a repository adds or may rewrite, set aside for comparison. */
const meaning = (e: Json): Json => {
  const { recordTime: _r, eventID: _id, '@context': _c, ...rest } = e;
  return rest;
};

let h: EpcisHarness;
beforeAll(async () => {
  h = await openEpcisHarness();
});
afterAll(async () => h.close());

describe('EPCIS 2.0 round trip of the official examples', () => {
  it('has the official examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(7);
  });

  it.each(examples)('imports %s and returns each event equal in meaning', async (file) => {
    const doc = load(file);
    const captured = await request(h.app)
      .post('/epcis/capture')
      .set(h.auth('processor'))
      .set('Content-Type', 'application/ld+json')
      .send(JSON.stringify(doc));
    expect(captured.status).toBe(202);
    expect(captured.headers['gs1-epcis-version']).toBe('2.0.0');
    const job = await h.finished(captured.headers.location!);
    expect(job.errors).toEqual([]);
    expect(job.success).toBe(true);

    for (const original of doc.epcisBody.eventList) {
      // The stored ID is the CBV 2.0 hash of the event read with its document's context.
      const id = eventHashId(original, doc['@context']);
      const res = await request(h.app)
        .get(`/epcis/events/${encodeURIComponent(id)}`)
        .set(h.auth('retailer'));
      expect(res.status).toBe(200);
      expect(validateEpcisDocument(res.body)).toEqual({ valid: true });
      const body = res.body as {
        '@context': unknown[];
        epcisBody: { queryResults: { resultsBody: { eventList: Json[] } } };
      };
      const [back] = body.epcisBody.queryResults.resultsBody.eventList;
      expect(back!.eventID).toBe(id);
      expect(typeof back!.recordTime).toBe('string');
      if (original.errorDeclaration !== undefined) {
        // A re-capture with errorDeclaration of a recorded event declares it erroneous: the original stays,
        // with the declaration (EPCIS 2.0 §7.4.1.2).
        expect(back!.errorDeclaration).toEqual(original.errorDeclaration);
      }
      expect(meaning(back!)).toEqual(meaning(original));
      // Extension prefixes (example:myField) stay resolvable.
      expect(body['@context']).toEqual(expect.arrayContaining((doc['@context'] as unknown[]).slice(1)));
    }
  });

  it('reports the placeholder eventIDs it replaced by true hashes', async () => {
    const doc = load('Example_9.6.2-ObjectEvent.jsonld');
    const given = doc.epcisBody.eventList[0]!.eventID;
    const captured = await request(h.app)
      .post('/epcis/capture')
      .set(h.auth('processor'))
      .set('Content-Type', 'application/json')
      .send(doc);
    const job = await h.finished(captured.headers.location!);
    // Already captured by the example run above: recorded once, reported as a duplicate.
    expect(job.duplicates).toEqual([eventHashId(doc.epcisBody.eventList[0]!, doc['@context'])]);
    expect(job.replacedEventIDs).toEqual([
      { given, stored: eventHashId(doc.epcisBody.eventList[0]!, doc['@context']) },
    ]);
  });

  it('finds the examples by the standard query parameters, as a schema-valid EPCISQueryDocument', async () => {
    const res = await request(h.app)
      .get('/epcis/events')
      .query({ EQ_bizStep: 'receiving', MATCH_anyEPC: 'urn:epc:id:sgtin:0614141.107346.2018' })
      .set(h.auth('brand'));
    expect(res.status).toBe(200);
    expect(validateEpcisDocument(res.body)).toEqual({ valid: true });
    const events = (res.body as { epcisBody: { queryResults: { resultsBody: { eventList: Json[] } } } })
      .epcisBody.queryResults.resultsBody.eventList;
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.bizStep).toBe('receiving');
  });
});
