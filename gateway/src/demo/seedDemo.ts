/**
 * Seed the demo world once (a second start finds it and only prints the links) through the same ledger
 * interface and contract every member uses: nothing is written behind the contract's back.
 */
import { DEMO_ORGS } from '../../../ledger/src/msp';
import { EndorsementError } from '../../../ledger/src';
import type { TraceClient } from '../client';
import { buildDigitalLink } from '../scans/decode';
import { GTIN, LOCATIONS, LOT_INPUTS, LOTS, PASSAGES, PRODUCTS, RECALL } from './demoWorld';
import { seedHandbag } from './handbagSeed';

export interface DemoLink {
  readonly title: string;
  readonly url: string;
}

export interface SeedOptions {
  readonly client: TraceClient;
  /** Public base URL of the gateway, e.g. http://localhost:3000 */
  readonly base: string;
  readonly prefix: string;
  /** Brand NFC master key file (config.nfcKeysFile): when given, the handbag with its NFC tag is seeded too. */
  readonly nfcKeysFile?: string;
}

/** Demo user name → wallet label, from the demo organisations (ledger/src/msp/demoOrgs.ts). */
const USER: ReadonlyMap<string, string> = new Map(
  DEMO_ORGS.flatMap((org) => org.users.map((u) => [u.name, `${org.mspId}/${u.name}`] as const)),
);

const user = (name: string): string => USER.get(name) ?? name;

async function seeded(client: TraceClient): Promise<boolean> {
  try {
    await client.getProduct(user('retailer'), GTIN.salad);
    return true;
  } catch (error) {
    if (error instanceof EndorsementError && error.chaincodeCode === 'NOT_FOUND') return false;
    throw error;
  }
}

export async function seedDemo(options: SeedOptions): Promise<DemoLink[]> {
  const { client } = options;
  if (!(await seeded(client))) {
    for (const { by, ...product } of PRODUCTS) await client.registerProduct(user(by), product);
    for (const { by, ...location } of LOCATIONS) await client.registerLocation(user(by), location);
    for (const { by, ...lot } of LOT_INPUTS) await client.registerLot(user(by), lot);
    for (const [i, [by, events]] of PASSAGES.entries()) {
      await client.recordEvents(user(by), { idempotencyKey: `demo-passage-${i}`, events });
    }
    const { by, ...recall } = RECALL;
    await client.recallLot(user(by), recall);
  }
  const link = (gtin: string, lot: string): string =>
    buildDigitalLink(`${options.base}${options.prefix}`, { gtin, lot });
  const handbag =
    options.nfcKeysFile === undefined
      ? []
      : await seedHandbag(client, { base: options.base, prefix: options.prefix, keys: options.nfcKeysFile });
  return [
    { title: 'Coffee: roasted lot (farm → café)', url: link(GTIN.roastedCoffee, LOTS.roasted) },
    { title: 'Coffee: green lot with farm plots', url: link(GTIN.greenCoffee, LOTS.green) },
    { title: 'Chilled salad with cold chain', url: link(GTIN.salad, LOTS.salad) },
    { title: 'Chilled salad, recalled lot', url: link(GTIN.salad, LOTS.saladRecalled) },
    {
      title: 'Same trace as JSON',
      url: `${link(GTIN.roastedCoffee, LOTS.roasted)}?linkType=gs1:traceability`,
    },
    {
      title: 'QR label (SVG, members only)',
      url: `${options.base}/labels/01/${GTIN.roastedCoffee}/10/${LOTS.roasted}.svg`,
    },
    ...handbag,
  ];
}
