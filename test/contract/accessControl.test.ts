/**
 * Who may do what, through the real contract on the embedded ledger: every role is tried on every kind of
 * write; allowed ones commit, refused ones fail with FORBIDDEN naming the action and change nothing.
 */
import { EndorsementError } from '../../ledger/src';
import { GLN, GTIN, batch, commission, itemUri, lotUri, observe, pack, ssccUri, SSCC, transform } from '../helpers/epcisBuilders';
import { openTempLedger, Users, type TempLedger } from '../helpers/tempLedger';

let t: TempLedger;
/** Valid GTIN-14s (check digits computed by hand with the GS1 mod-10 rule). */
const FRESH_GTINS = ['09521234000105', '09521234000112', '09521234000129', '09521234000136', '09521234000143', '09521234000150', '09521234000167', '09521234000174', '09521234000181', '09521234000198'];
let n = 0;
const unique = (): string => `T${++n}`;

beforeAll(async () => {
  t = await openTempLedger();
  await t.calls.submit(Users.farmer, 'RegisterProduct', [JSON.stringify({ gtin: GTIN.green, name: 'Green coffee', family: 'coffee' })]);
});
afterAll(async () => t.close());

type Attempt = (user: string) => Promise<unknown>;

const attempts: Record<string, Attempt> = {
  'product.register': (u) => t.calls.submit(u, 'RegisterProduct', [JSON.stringify({ gtin: FRESH_GTINS.shift(), name: 'x', family: 'food' })]),
  'lot.register': (u) => t.calls.submit(u, 'RegisterLot', [JSON.stringify({ gtin: GTIN.green, lot: unique() })]),
  'event.observe': (u) => t.calls.submit(u, 'RecordEvents', [batch([observe({ quantityList: [{ epcClass: lotUri(GTIN.green, unique()) }] }, 'receiving', GLN.port, '2026-03-01T10:00:00Z')])]),
  'event.commission': (u) => t.calls.submit(u, 'RecordEvents', [batch([commission([itemUri(GTIN.green, unique())], 'L1', GLN.farm, '2026-03-01T10:00:00Z')])]),
  'event.aggregate': (u) => t.calls.submit(u, 'RecordEvents', [batch([pack(ssccUri(SSCC.pallet), [itemUri(GTIN.green, unique())], 'ADD', GLN.port, '2026-03-01T11:00:00Z')])]),
  'event.transform': (u) => t.calls.submit(u, 'RecordEvents', [batch([transform([lotUri(GTIN.green, unique())], [lotUri(GTIN.green, unique())], 'urn:trace:bizstep:roasting', GLN.roastery, '2026-03-02T10:00:00Z')])]),
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
          const error: unknown = await attempt.then(() => undefined, (e: unknown) => e);
          expect(error).toBeInstanceOf(EndorsementError);
          expect((error as EndorsementError).chaincodeMessage).toMatch(new RegExp(`^FORBIDDEN: ${action.replace('.', '\\.')}: role `));
        }
      });
    }
  }

  it('refuses a recall by a brand that does not own the product, and accepts the regulator', async () => {
    const lot = unique();
    await t.calls.submit(Users.farmer, 'RegisterLot', [JSON.stringify({ gtin: GTIN.green, lot })]);
    const recall = JSON.stringify({ id: lotUri(GTIN.green, lot), reason: 'Ochratoxin A above limit' });
    await expect(t.calls.submit(Users.brand, 'RecallLot', [recall])).rejects.toThrow(/^FORBIDDEN: recall.id: only the brand owner/);
    await expect(t.calls.submit(Users.processor, 'RecallLot', [recall])).rejects.toThrow(/^FORBIDDEN: lot.recall/);
    const done = await t.calls.submit<{ reason: string }>(Users.regulator, 'RecallLot', [recall]);
    expect(done.value.reason).toBe('Ochratoxin A above limit');
  });

  it('refuses an identity whose certificate carries no known role', async () => {
    await expect(t.calls.submit('NoSuchMSP/nobody', 'RegisterLot', ['{}'])).rejects.toThrow();
  });
});
