/**
 * An NTAG 424 DNA tag on a handbag, through the gateway: the brand registers the product and commissions the
 * tag; a consumer's tap answers genuine once and "not verified" when the same URL comes again (replayed) or
 * is forged, and the brand is told; members' taps are recorded as passages once per (UID, counter).
 *
 * The brand's keys are the gateway's own, as in the demo: FileKeyProvider creates `<dataDir>/nfc-master-keys.json`
 * with random keys on first use, and the tag is emulated from them (gateway/src/nfc/tagEmulator.ts). Only the
 * tag's UID is on the ledger, so on Fabric a fresh UID per run is all a new tag needs.
 */
import { FileKeyProvider, emulatedTag, tapUrl, type EmulatedTag } from '../../gateway/src/authenticity/nfc';
import { GLN } from '../helpers/epcisBuilders';
import { Users } from '../helpers/tempLedger';
import { freshGtin, freshNfcUid, RUN } from './freshIds';
import { startScenarioGateway, type ScenarioGateway } from './scenarioGateway';

let gw: ScenarioGateway;
let tag: EmulatedTag;
let gtin: string;
const serial = `AUR-${RUN}`;
const uid = freshNfcUid();
const local = (url: string): string => url.replace('https://brand.example', '');
const tapJson = (url: string) => gw.http.get(local(url)).set('Accept', 'application/json');
const brandAlerts = async () =>
  (await gw.http.get('/authenticity/alerts').query({ gtin }).set(gw.auth(Users.brand)).expect(200)).body as {
    alerts: { reasons: string[]; source: string }[];
  };
const stages = async () =>
  (
    (await gw.http.get(`/01/${gtin}/21/${serial}`).set('Accept', 'application/json').expect(200)).body as {
      stages: { step: string }[];
    }
  ).stages;

beforeAll(async () => {
  gw = await startScenarioGateway();
  gtin = await freshGtin(gw.lut.client, Users.brand);
  await gw.http
    .post('/products')
    .set(gw.auth(Users.brand))
    .send({ gtin, name: 'Sac Aurore', family: 'goods' })
    .expect(201);
  await gw.http
    .post('/tags')
    .set(gw.auth(Users.brand))
    .send({ gtin, serial, nfcUid: uid, gln: GLN.station })
    .expect(201);
  const [brand] = await new FileKeyProvider(gw.config.nfcKeysFile).brands();
  tag = await emulatedTag(brand!, uid);
});
afterAll(async () => gw.close());

describe('consumer taps', () => {
  it('answers genuine for a fresh tap, with the item and its journey', async () => {
    const res = await tapJson(await tapUrl(tag, 3, { base: '/t' })).expect(200);
    expect(res.body).toMatchObject({
      verdict: 'genuine',
      item: { gtin, serial },
      journeyUrl: `https://trace.example.com/01/${gtin}/21/${serial}`,
    });
  });

  it('shows a phone the verdict page', async () => {
    const res = await gw.http.get(await tapUrl(tag, 4, { base: '/t' })).expect(200);
    expect(res.text).toContain('<h1>Genuine</h1>');
  });

  it('answers a replayed URL and a forged one alike, not verified, and tells the brand of the replay', async () => {
    const used = await tapUrl(tag, 3, { base: '/t' });
    const replayed = await tapJson(used).expect(422);
    const forged = await tapJson(
      used.replace(/cmac=./, (m) => (m.endsWith('0') ? 'cmac=1' : 'cmac=0')),
    ).expect(422);
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
    expect(replayed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(replayed.body).toMatchObject({ code: 'TAP_NOT_VERIFIED', verdict: 'not_verified' });
    expect(strip(forged.body as Record<string, unknown>)).toEqual(
      strip(replayed.body as Record<string, unknown>),
    );
    expect((await brandAlerts()).alerts.at(-1)?.reasons).toEqual(['replayed']);
  });
});

describe('member NFC scans', () => {
  it('records a verified tap as a passage record, once per (UID, counter)', async () => {
    const url = await tapUrl(tag, 10, { base: 'https://brand.example/t' });
    const scan = { url, bizStep: 'receiving', location: GLN.cafe };
    const first = await gw.http.post('/scans/nfc').set(gw.auth(Users.retailer)).send(scan).expect(201);
    expect(first.body.scanId).toBe(`nfc:${uid}:10`);
    const again = await gw.http.post('/scans/nfc').set(gw.auth(Users.retailer)).send(scan).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await stages()).map((s) => s.step)).toContain('receiving');
    // The same tap presented by another member is a replay, not a retry.
    await gw.http.post('/scans/nfc').set(gw.auth(Users.carrier)).send(scan).expect(422);
    expect((await brandAlerts()).alerts.at(-1)?.reasons).toEqual(['replayed']);
  });

  it('refuses a tap that is not genuine with 422 and records no passage', async () => {
    const before = await stages();
    const stale = await tapUrl(tag, 5, { base: 'https://brand.example/t' });
    await gw.http
      .post('/scans/nfc')
      .set(gw.auth(Users.retailer))
      .send({ url: stale, bizStep: 'receiving', location: GLN.cafe })
      .expect(422);
    expect(await stages()).toHaveLength(before.length);
  });
});
