/** The demo handbag: seeded once through the contracts; its printed tap links verify, fresh on every start. */
import request from 'supertest';
import { seedHandbag } from '../../gateway/src/demo/handbagSeed';
import { startGateway, type TempGateway } from '../helpers/tempGateway';

let gw: TempGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => gw.close());

const BASE = 'https://trace.example.com';
const local = (url: string): string => url.slice(BASE.length);
const seed = () => seedHandbag(gw.client, { base: BASE, prefix: '', keys: gw.config.nfcKeysFile });

describe('demo handbag', () => {
  it('prints a journey, taps that verify once, and a used tap that does not', async () => {
    const links = await seed();
    const url = (title: RegExp) => links.find((l) => title.test(l.title))!.url;
    const journey = await request(gw.app)
      .get(local(url(/journey/)))
      .set('Accept', 'application/json')
      .expect(200);
    expect((journey.body as { stages: { step: string }[] }).stages.map((s) => s.step)).toEqual(
      expect.arrayContaining(['commissioning', 'shipping', 'receiving']),
    );
    const tap = await request(gw.app)
      .get(local(url(/NFC tap \(genuine/)))
      .set('Accept', 'application/json')
      .expect(200);
    expect(tap.body).toMatchObject({
      verdict: 'genuine',
      item: { serial: 'AUR-000042' },
      trace: { product: { name: 'Sac Aurore, grained calfskin' } },
    });
    expect((tap.body as { trace: { stages: { step: string }[] } }).trace.stages.map((s) => s.step)).toContain(
      'receiving',
    );
    await request(gw.app)
      .get(local(url(/NFC tap \(genuine/)))
      .set('Accept', 'application/json')
      .expect(422);
    await request(gw.app)
      .get(local(url(/used tap/)))
      .set('Accept', 'application/json')
      .expect(422);
  });

  it('prints fresh taps on the next start, after the old ones were used', async () => {
    const links = await seed();
    const next = links.find((l) => /NFC tap \(genuine/.test(l.title))!.url;
    const page = await request(gw.app).get(local(next)).expect(200);
    expect(page.text).toMatch(/<h2>Sac Aurore, grained calfskin<\/h2>[\s\S]*Maison Aurore, Rue Saint-Honoré/);
  });
});
