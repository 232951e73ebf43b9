/**
 * Commercial details (price, contract) recorded with an event through the gateway: kept in the recorder's
 * organisation collection, readable by that organisation's members only; the public record carries their hash
 * and no block carries their value.
 */
import { GLN, lotUri, observe } from '../helpers/epcisBuilders';
import { Users } from '../helpers/tempLedger';
import { RUN } from './freshIds';
import { startScenarioGateway, type ScenarioGateway } from './scenarioGateway';

let gw: ScenarioGateway;
beforeAll(async () => {
  gw = await startScenarioGateway();
});
afterAll(async () => gw.close());

describe('commercial details', () => {
  it('keeps them in the recorder organisation collection: hash on the public record, value nowhere in blocks', async () => {
    const price = { pricePerKg: 'USD 7.3141592', contract: `C-SECRET-${RUN}` };
    const lot = lotUri('09506000134383', `C-${RUN}`);
    const recorded = await gw.http
      .post('/events')
      .set(gw.auth(Users.processor))
      .send({
        events: [
          observe({ quantityList: [{ epcClass: lot }] }, 'receiving', GLN.roastery, '2026-05-02T06:00:00Z'),
        ],
        commercial: [price],
      })
      .expect(201);
    const id = (recorded.body.eventIDs as string[])[0]!;
    await gw.lut.settle();

    const record = await gw.lut.client.evaluate<{ commercial: { collection: string; sha256: string } }>(
      Users.retailer,
      'GetEvent',
      [id],
    );
    expect(record.commercial.collection).toBe('_implicit_org_ProducersMSP');
    expect(record.commercial.sha256).toMatch(/^[0-9a-f]{64}$/);

    const path = `/members/events/${encodeURIComponent(id)}/commercial`;
    expect((await gw.http.get(path).set(gw.auth(Users.farmer)).expect(200)).body).toEqual(price);
    for (const outsider of [Users.retailer, Users.brand]) {
      const refused = await gw.http.get(path).set(gw.auth(outsider)).expect(404);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.code).toBe('NOT_FOUND');
    }

    const block = await gw.lut.blockBytes(recorded.body.txId as string);
    expect(block.includes(id)).toBe(true); // the right block: it holds the public record
    expect(block.includes(record.commercial.sha256)).toBe(true);
    expect(block.includes(price.contract)).toBe(false);
    expect(block.includes('7.3141592')).toBe(false);
  });
});
