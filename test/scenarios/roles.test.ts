/**
 * Who may do what, through the real contract on the ledger under test: every role is tried on every kind of
 * write; allowed ones commit, refused ones fail with FORBIDDEN naming the action and change nothing. Then the
 * same rules as members meet them over HTTP: the contract's refusal is a 403 problem+json.
 */
import { EndorsementError } from '../../ledger/src';
import {
  GLN,
  batch,
  commission,
  itemUri,
  lotUri,
  observe,
  pack,
  ssccUri,
  transform,
} from '../helpers/epcisBuilders';
import { Users } from '../helpers/tempLedger';
import { freshGtin, freshSscc, RUN } from './freshIds';
import { startScenarioGateway, type ScenarioGateway } from './scenarioGateway';

let gw: ScenarioGateway;
let green: string;
const pallet = ssccUri(freshSscc());
let n = 0;
const unique = (): string => `T${RUN}-${++n}`;

beforeAll(async () => {
  gw = await startScenarioGateway();
  green = await freshGtin(gw.lut.client, Users.retailer);
  await gw.lut.client.submit(Users.farmer, 'RegisterProduct', [
    JSON.stringify({ gtin: green, name: 'Green coffee', family: 'coffee' }),
  ]);
});
afterAll(async () => gw.close());

type Attempt = (user: string) => Promise<unknown>;

const attempts: Record<string, Attempt> = {
  'product.register': async (u) =>
    gw.lut.client.submit(u, 'RegisterProduct', [
      JSON.stringify({ gtin: await freshGtin(gw.lut.client, Users.retailer), name: 'x', family: 'food' }),
    ]),
  'lot.register': (u) =>
    gw.lut.client.submit(u, 'RegisterLot', [JSON.stringify({ gtin: green, lot: unique() })]),
  'event.observe': (u) =>
    gw.lut.client.submit(u, 'RecordEvents', [
      batch([
        observe(
          { quantityList: [{ epcClass: lotUri(green, unique()) }] },
          'receiving',
          GLN.port,
          '2026-03-01T10:00:00Z',
        ),
      ]),
    ]),
  'event.commission': (u) =>
    gw.lut.client.submit(u, 'RecordEvents', [
      batch([commission([itemUri(green, unique())], 'L1', GLN.farm, '2026-03-01T10:00:00Z')]),
    ]),
  'event.aggregate': (u) =>
    gw.lut.client.submit(u, 'RecordEvents', [
      batch([pack(pallet, [itemUri(green, unique())], 'ADD', GLN.port, '2026-03-01T11:00:00Z')]),
    ]),
  'event.transform': (u) =>
    gw.lut.client.submit(u, 'RecordEvents', [
      batch([
        transform(
          [lotUri(green, unique())],
          [lotUri(green, unique())],
          'urn:trace:bizstep:roasting',
          GLN.roastery,
          '2026-03-02T10:00:00Z',
        ),
      ]),
    ]),
};

/** The expected policy, written out independently of chaincode/src/access/policy.ts. */
const expected: Record<string, readonly (keyof typeof Users)[]> = {
  'product.register': ['farmer', 'processor', 'roaster', 'brand'],
  'lot.register': ['farmer', 'processor', 'roaster', 'brand'],
  'event.observe': ['farmer', 'processor', 'roaster', 'brand', 'regulator', 'carrier', 'customs', 'retailer'],
  'event.commission': ['farmer', 'processor', 'roaster', 'brand'],
  'event.aggregate': ['farmer', 'processor', 'roaster', 'brand', 'carrier', 'customs', 'retailer'],
  'event.transform': ['farmer', 'processor', 'roaster'],
};

describe('access control', () => {
  for (const [action, allowed] of Object.entries(expected)) {
    for (const user of Object.keys(Users) as (keyof typeof Users)[]) {
      const may = allowed.includes(user);
      it(`${may ? 'lets' : 'refuses'} ${user} ${action}`, async () => {
        const attempt = attempts[action]!(Users[user]);
        if (may) await expect(attempt).resolves.toBeDefined();
        else {
          const error: unknown = await attempt.then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(EndorsementError);
          expect((error as EndorsementError).chaincodeMessage).toMatch(
            new RegExp(`^FORBIDDEN: ${action.replace('.', '\\.')}: role `),
          );
        }
      });
    }
  }

  it('refuses a recall by a brand that does not own the product, and accepts the regulator', async () => {
    const lot = unique();
    await gw.lut.client.submit(Users.farmer, 'RegisterLot', [JSON.stringify({ gtin: green, lot })]);
    const recall = JSON.stringify({ id: lotUri(green, lot), reason: 'Ochratoxin A above limit' });
    await expect(gw.lut.client.submit(Users.brand, 'RecallLot', [recall])).rejects.toThrow(
      /^FORBIDDEN: recall.id: only the brand owner/,
    );
    await expect(gw.lut.client.submit(Users.processor, 'RecallLot', [recall])).rejects.toThrow(
      /^FORBIDDEN: lot.recall/,
    );
    const done = await gw.lut.client.submit<{ reason: string }>(Users.regulator, 'RecallLot', [recall]);
    expect(done.value.reason).toBe('Ochratoxin A above limit');
  });

  it('refuses an identity whose certificate carries no known role', async () => {
    await expect(gw.lut.client.submit('NoSuchMSP/nobody', 'RegisterLot', ['{}'])).rejects.toThrow();
  });
});

describe('access control over HTTP', () => {
  const transformation = (input: string, output: string) => ({
    events: [
      {
        type: 'TransformationEvent',
        eventTime: '2026-10-03T00:00:00Z',
        eventTimeZoneOffset: '+00:00',
        inputEPCList: [input],
        outputEPCList: [output],
      },
    ],
  });

  it('refuses a role the contract forbids, with the contract reason and nothing recorded', async () => {
    const input = lotUri(green, unique());
    const res = await gw.http
      .post('/events')
      .set(gw.auth(Users.retailer))
      .send(transformation(input, lotUri(green, unique())))
      .expect(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('FORBIDDEN');
    const events = await gw.lut.client.evaluate<{ records: unknown[] }>(Users.retailer, 'QueryEvents', [
      JSON.stringify({ by: 'subject', value: input }),
    ]);
    expect(events.records).toEqual([]);
  });

  it('records the same transformation for a role that may transform, signed by that member', async () => {
    const input = lotUri(green, unique());
    const res = await gw.http
      .post('/events')
      .set(gw.auth(Users.roaster))
      .send(transformation(input, lotUri(green, unique())))
      .expect(201);
    const [eventId] = res.body.eventIDs as string[];
    // Read by the writer's own organisation: on Fabric another org's peer may not have the block yet.
    const record = await gw.lut.client.evaluate<{ provenance: { mspId: string; role: string } }>(
      Users.farmer,
      'GetEvent',
      [eventId!],
    );
    expect(record.provenance).toMatchObject({ mspId: 'ProducersMSP', role: 'processor' });
  });

  it('refuses a write without an API key', async () => {
    const res = await gw.http
      .post('/events')
      .send(transformation(lotUri(green, unique()), lotUri(green, unique())))
      .expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });
});
