/**
 * What Trace records itself — RFID portal batches (EPC hex) here; QR scans with a temperature reading in
 * test/scenarios/qrScan.test.ts — comes out of the EPCIS query interface as schema-valid EPCIS 2.0.
 */
import request from 'supertest';
import { validateEpcisDocument } from '../../gateway/src/epcis/schema';
import { GLN } from '../helpers/epcisBuilders';
import { openEpcisHarness, type EpcisHarness } from '../helpers/epcisHarness';

type Json = Record<string, unknown>;
let h: EpcisHarness;
beforeAll(async () => {
  h = await openEpcisHarness();
});
afterAll(async () => h.close());

async function eventsMatching(q: Record<string, string>): Promise<{ body: unknown; events: Json[] }> {
  for (let i = 0; i < 100; i++) {
    const res = await request(h.app).get('/epcis/events').query(q).set(h.auth('brand'));
    const events = (res.body as { epcisBody: { queryResults: { resultsBody: { eventList: Json[] } } } })
      .epcisBody.queryResults.resultsBody.eventList;
    if (events.length > 0) return { body: res.body, events };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing matched ${JSON.stringify(q)}`);
}

describe('Trace’s own records through the EPCIS query interface', () => {
  it('serves an RFID portal batch as valid EPCIS, findable by the EPC URN of its SGTIN-96 tags', async () => {
    // GS1 Tag Data Standard example: 3074257BF7194E4000001A85 = urn:epc:id:sgtin:0614141.812345.6789.
    const batch = {
      readerId: 'dock-door-1',
      readPoint: GLN.port,
      bizStep: 'shipping',
      reads: [{ epc: '3074257BF7194E4000001A85', time: '2026-05-02T08:00:00Z' }],
    };
    const scan = await request(h.app).post('/scans/rfid').set(h.auth('carrier')).send(batch);
    expect([201, 202]).toContain(scan.status);
    const { body, events } = await eventsMatching({
      MATCH_anyEPC: 'urn:epc:id:sgtin:0614141.812345.6789',
      EQ_bizStep: 'shipping',
    });
    expect(validateEpcisDocument(body)).toEqual({ valid: true });
    expect(events).toHaveLength(1);
  });
});
