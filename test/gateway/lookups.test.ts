/**
 * Public lookups: the gateway as GS1 Digital Link resolver for the demo world — journey page for phones,
 * JSON for machines, recall status, linkset; public fields only; unknown things 404; rate limits 429.
 */
import request from 'supertest';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { seedDemo } from '../../gateway/src/demo/seedDemo';
import { startGateway, type TempGateway } from '../helpers/tempGateway';
import { Users } from '../helpers/tempLedger';

let gw: TempGateway;
const roasted = '/01/09506000134369/10/BER-2026-33';
const recalled = '/01/09506000134383/10/SAL-2026-0613';

beforeAll(async () => {
  gw = await startGateway({ TRACE_PUBLIC_RATE_LIMIT: '1000' });
  await seedDemo({ client: gw.client, base: 'https://trace.example.com', prefix: '' });
});
afterAll(async () => gw.close());

describe('resolver', () => {
  it('serves a phone page with the journey from farm to café', async () => {
    const res = await request(gw.app).get(roasted).set('Accept', 'text/html').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    for (const text of ['Esperanza Roast', 'Finca La Esperanza', 'Café Lindenblatt', 'Zollamt Hamburg Hafen'])
      expect(res.text).toContain(text);
    expect(res.text).not.toContain('recall-banner');
  });

  it('serves the same trace as JSON, in time order, with nothing private', async () => {
    const res = await request(gw.app).get(`/p${roasted}`).set('Accept', 'application/json').expect(200);
    const steps = (res.body.stages as { step: string; time: string }[]).map((s) => s.step);
    expect(steps[0]).toBe('harvesting');
    expect(steps).toContain('roasting');
    expect(steps[steps.length - 1]).toBe('receiving');
    const text = JSON.stringify(res.body);
    for (const secret of ['ProducersMSP', 'LogisticsMSP', 'txId', 'provenance', 'commercial'])
      expect(text).not.toContain(secret);
  });

  it('answers with the same JSON for linkType=gs1:traceability and by EPC URN', async () => {
    const byLink = await request(gw.app).get(`${roasted}?linkType=gs1:traceability`).expect(200);
    const byUrn = await request(gw.app)
      .get('/trace')
      .query({ id: 'urn:epc:class:lgtin:9506000.013436.BER-2026-33' })
      .expect(200);
    expect(byUrn.body).toEqual(byLink.body);
  });

  it('shows a recall on the page and in recall status', async () => {
    const page = await request(gw.app).get(recalled).expect(200);
    expect(page.text).toContain('data-testid="recall-banner"');
    expect(page.text).toContain('Listeria monocytogenes');
    const status = await request(gw.app).get(`${recalled}?linkType=gs1:recallStatus`).expect(200);
    expect(status.body.recalled).toBe(true);
    const fine = await request(gw.app)
      .get('/01/09506000134383/10/SAL-2026-0612?linkType=gs1:recallStatus')
      .expect(200);
    expect(fine.body.recalled).toBe(false);
  });

  it('shows a new recall at once (the read model follows ledger events)', async () => {
    await request(gw.app).get('/01/09506000134383/10/SAL-2026-0612').expect(200);
    await request(gw.app)
      .post('/recalls')
      .set(gw.auth(Users.regulator))
      .send({
        id: 'https://id.gs1.org/01/09506000134383/10/SAL-2026-0612',
        reason: 'Temperature abuse in cold store',
      })
      .expect(201);
    const page = await request(gw.app).get('/01/09506000134383/10/SAL-2026-0612').expect(200);
    expect(page.text).toContain('Temperature abuse in cold store');
  });

  it('answers a linkset for linkType=all', async () => {
    const res = await request(gw.app).get(`${roasted}?linkType=all`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/linkset\+json/);
    expect(res.body.linkset[0].anchor).toBe(`https://trace.example.com${roasted}`);
  });

  it.each([
    ['an unknown lot', '/01/09506000134369/10/NOPE', 404],
    ['a wrong check digit', '/01/09506000134368/10/BER-2026-33', 400],
  ])('refuses %s with problem+json for JSON clients', async (_what, path, status) => {
    const res = await request(gw.app).get(path).set('Accept', 'application/json').expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('gives browsers a readable not-found page', async () => {
    const res = await request(gw.app)
      .get('/01/09506000134369/10/NOPE')
      .set('Accept', 'text/html')
      .expect(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });

  it('rate-limits public lookups per client', async () => {
    const limited = await startGateway({ TRACE_PUBLIC_RATE_LIMIT: '3' });
    try {
      for (let i = 0; i < 3; i++)
        await request(limited.app)
          .get('/01/09506000134369/10/X')
          .set('Accept', 'application/json')
          .expect(404);
      const res = await request(limited.app).get('/01/09506000134369/10/X').expect(429);
      expect(res.body.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});

describe('labels', () => {
  it('prints a QR code that decodes to this resolver’s Digital Link', async () => {
    const res = await request(gw.app).get(`/labels${roasted}.png`).set(gw.auth(Users.roaster)).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    const png = PNG.sync.read(res.body as Buffer);
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(code?.data).toBe(`https://trace.example.com${roasted}`);
  });

  it('prints a sheet of serial labels', async () => {
    const res = await request(gw.app)
      .get('/labels/sheet')
      .query({ gtin: '09506000134369', serials: 'S1,S2,S3' })
      .set(gw.auth(Users.roaster))
      .expect(200);
    expect(res.text.match(/<svg/g)?.length).toBeGreaterThanOrEqual(3);
    expect(res.text).toContain('https://trace.example.com/01/09506000134369/21/S2');
  });

  it('refuses a label for a bad GTIN', async () => {
    await request(gw.app).get('/labels/01/09506000134368/10/X.svg').set(gw.auth(Users.roaster)).expect(400);
  });
});

describe('fast lookup path', () => {
  it('answers a cached lookup exactly as the Express resolver does', async () => {
    for (const accept of ['application/json', 'text/html']) {
      const viaExpress = await request(gw.app).get(roasted).set('Accept', accept).expect(200);
      const viaFast = await request(gw.listener).get(roasted).set('Accept', accept).expect(200);
      expect(viaFast.text).toBe(viaExpress.text);
      for (const header of ['content-type', 'cache-control', 'link'])
        expect(viaFast.headers[header]).toBe(viaExpress.headers[header]);
    }
  });

  it('still shows a new recall at once, and counts against the same rate limit', async () => {
    const lot = '/01/09506000134352/10/HUI-2026-014';
    await request(gw.listener).get(lot).expect(200);
    expect((await request(gw.listener).get(lot).set('Accept', 'application/json')).body.recalled).toBe(false);
    await request(gw.app)
      .post('/recalls')
      .set(gw.auth(Users.regulator))
      .send({ id: `https://id.gs1.org${lot}`, reason: 'Mould found' })
      .expect(201);
    expect((await request(gw.listener).get(lot).set('Accept', 'application/json')).body.recalled).toBe(true);

    const limited = await startGateway({ TRACE_PUBLIC_RATE_LIMIT: '2' });
    try {
      await seedDemo({ client: limited.client, base: 'https://trace.example.com', prefix: '' });
      await request(limited.listener).get(roasted).expect(200);
      await request(limited.listener).get(roasted).expect(200);
      const res = await request(limited.listener).get(roasted).expect(429);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.body.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});
