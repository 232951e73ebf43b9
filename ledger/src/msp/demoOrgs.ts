/**
 * The demo organisations and users an embedded ledger creates on first open. One list, used by the MSP store,
 * the tests and the docs.
 */

/** A demo user: its name (wallet label `<mspId>/<name>`) and its `trace.role` attribute. */
export interface DemoUser {
  readonly name: string;
  readonly role: string;
}

/** A demo organisation: its MSP ID and its users. */
export interface DemoOrg {
  readonly mspId: string;
  readonly users: readonly DemoUser[];
}

export const DEMO_ORGS: readonly DemoOrg[] = [
  {
    mspId: 'ProducersMSP',
    users: [
      { name: 'farmer', role: 'producer' },
      { name: 'processor', role: 'processor' },
      { name: 'roaster', role: 'processor' },
    ],
  },
  {
    mspId: 'BrandsMSP',
    users: [
      { name: 'brand', role: 'brand' },
      { name: 'regulator', role: 'regulator' },
    ],
  },
  {
    mspId: 'LogisticsMSP',
    users: [
      { name: 'carrier', role: 'logistics' },
      { name: 'customs', role: 'logistics' },
      { name: 'retailer', role: 'retailer' },
    ],
  },
];
