/**
 * A member scans a pack's QR code (a GS1 Digital Link) through POST /scans/qr: the passage is signed by the
 * member who scanned, a retry counts once, and anyone who scans the same code sees it on the public journey
 * page and in the JSON lookup; EPCIS clients see it as an ObjectEvent.
 */
import { validateEpcisDocument } from '../../gateway/src/epcis/schema';
import { GLN, itemUri } from '../helpers/epcisBuilders';
import { Users } from '../helpers/tempLedger';
import { freshGtin, RUN } from './freshIds';
import { startScenarioGateway, type ScenarioGateway } from './scenarioGateway';

type Json = Record<string, unknown>;
let gw: ScenarioGateway;
let gtin: string;
const lot = `QR-${RUN}`;
let scan: Json;
const lotId = () => `https://id.gs1.org/01/${gtin}/10/${lot}`;
const journey = async (id: string) =>
  ((await gw.http.get('/trace').query({ id }).expect(200)).body as { stages: { step: string }[] }).stages;

beforeAll(async () => {
  gw = await startScenarioGateway();
  gtin = await freshGtin(gw.lut.client, Users.retailer);
  await gw.http
    .post('/products')
    .set(gw.auth(Users.farmer))
    .send({ gtin, name: `Finca coffee ${RUN}`, family: 'coffee' })
    .expect(201);
  scan = {
    digitalLink: `https://brand.example/p/01/${gtin}/10/${lot}`,
    bizStep: 'receiving',
    location: GLN.farm,
    eventTime: '2026-10-01T09:00:00+02:00',
    device: 'phone-7',
  };
});
afterAll(async () => gw.close());

describe('QR scans', () => {
  it('records a Digital Link scan as a passage signed by the member who scanned', async () => {
    const res = await gw.http.post('/scans/qr').set(gw.auth(Users.carrier)).send(scan).expect(201);
    expect(res.body.state).toBe('committed');
    const [eventId] = res.body.receipt.eventIDs as string[];
    const record = await gw.lut.client.evaluate<{
      provenance: { mspId: string; role: string };
      event: { readPoint: { id: string } };
    }>(Users.retailer, 'GetEvent', [eventId!]);
    expect(record.provenance).toMatchObject({ mspId: 'LogisticsMSP', role: 'logistics' });
    expect(record.event.readPoint.id).toBe(`https://id.gs1.org/414/${GLN.farm}`);
    expect((await journey(lotId())).map((s) => s.step)).toEqual(['receiving']);
  });

  it('answers a retried scan with its first result and counts it once', async () => {
    const again = await gw.http.post('/scans/qr').set(gw.auth(Users.carrier)).send(scan).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await journey(lotId())).toHaveLength(1);
  });

  it('shows the scan on the public journey page and in the JSON lookup, with nothing private', async () => {
    const page = await gw.http.get(`/01/${gtin}/10/${lot}`).set('Accept', 'text/html').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain(`Finca coffee ${RUN}`);
    expect(page.text).toContain('Received');
    const json = await gw.http.get(`/p/01/${gtin}/10/${lot}`).set('Accept', 'application/json').expect(200);
    expect((json.body as { stages: { step: string }[] }).stages.map((s) => s.step)).toEqual(['receiving']);
    const text = JSON.stringify(json.body);
    for (const secret of ['LogisticsMSP', 'txId', 'provenance', 'phone-7'])
      expect(text).not.toContain(secret);
  });

  it('serves a QR scan with a temperature alarm as a valid EPCIS ObjectEvent with a sensor report', async () => {
    const item = itemUri(gtin, `QR-1-${RUN}`);
    const res = await gw.http
      .post('/scans/qr')
      .set(gw.auth(Users.retailer))
      .send({
        digitalLink: `https://brand.example/01/${gtin}/21/QR-1-${RUN}`,
        bizStep: 'receiving',
        location: GLN.cafe,
        eventTime: '2026-05-01T10:00:00+02:00',
        temperature: { value: 9.5, max: 8 },
      });
    expect([201, 202]).toContain(res.status);
    // The EPCIS read model follows committed events: poll until it has this one.
    const deadline = Date.now() + 30_000;
    let events: Json[] = [];
    let body: unknown;
    while (events.length === 0 && Date.now() < deadline) {
      const found = await gw.http
        .get('/epcis/events')
        .query({ MATCH_epc: item })
        .set(gw.auth(Users.brand))
        .expect(200);
      body = found.body;
      events = (found.body as { epcisBody: { queryResults: { resultsBody: { eventList: Json[] } } } })
        .epcisBody.queryResults.resultsBody.eventList;
      if (events.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(validateEpcisDocument(body)).toEqual({ valid: true });
    expect(events[0]).toMatchObject({
      type: 'ObjectEvent',
      action: 'OBSERVE',
      eventTime: '2026-05-01T10:00:00+02:00',
    });
    expect(JSON.stringify(events[0]!.sensorElementList)).toContain('ALARM_CONDITION');
  });
});
