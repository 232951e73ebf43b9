/**
 * FabricLedger against the running Trace test network (3 orgs, chaincode `trace` with endorsement policy
 * OutOf(2, Producers, Brands, Logistics)). Needs `./test-network.sh up && createChannel && deployCC` first and
 * runs only when jest is pointed at test/fabric/ (TRACE_FABRIC=1).
 */
import { EndorsementError, LedgerError, ReadConflictError, type ChaincodeEvent } from '../../ledger/src';
import { FabricLedger, loadConnectionProfile } from '../../ledger/src/fabric';
import { connectionProfilePath, endorsersOf, freshGtin } from './network';

const FARMER = 'ProducersMSP/farmer';
const BRAND = 'BrandsMSP/brand';
const CARRIER = 'LogisticsMSP/carrier';
const utf8 = (b: Uint8Array): string => Buffer.from(b).toString('utf8');
const productJson = (gtin: string, name = 'Single-origin coffee 250 g'): string =>
  JSON.stringify({ gtin, name, family: 'coffee' });

/** The error `p` rejects with, asserted to be a `type`. */
async function refusal<T extends LedgerError>(
  p: Promise<unknown>,
  type: abstract new (...args: never[]) => T,
): Promise<T> {
  try {
    await p;
  } catch (err) {
    if (err instanceof type) return err;
    throw err;
  }
  throw new Error(`expected the ledger to refuse with ${type.name}`);
}

describe('Fabric ledger on the test network', () => {
  let ledger: FabricLedger;

  beforeAll(async () => {
    ledger = await FabricLedger.connect({ connectionProfile: connectionProfilePath() });
  });

  afterAll(async () => {
    // Undefined when beforeAll failed (no network): let that failure be the one reported.
    await (ledger as FabricLedger | undefined)?.close();
  });

  it('lists the wallet identities of all three organisations', async () => {
    const ids = await ledger.identities();
    expect(ids).toEqual(expect.arrayContaining([FARMER, BRAND, CARRIER]));
  });

  it('commits a transaction endorsed by two organisations and reads it back from another', async () => {
    const gtin = freshGtin();
    const submitted = await ledger.submit({ user: FARMER, fn: 'RegisterProduct', args: [productJson(gtin)] });
    expect(submitted.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(submitted.blockNumber).toBeGreaterThan(0n);
    expect(JSON.parse(utf8(submitted.result))).toMatchObject({ gtin, owner: 'ProducersMSP' });

    // Read by a user of another org through its own org's peer: the write reached that peer's ledger.
    const read = JSON.parse(
      utf8(await ledger.evaluate({ user: BRAND, fn: 'TraceContract:GetProduct', args: [gtin] })),
    );
    expect(read).toMatchObject({ gtin, name: 'Single-origin coffee 250 g', owner: 'ProducersMSP' });

    // The block itself, through the query system chaincode: valid, endorsed by two distinct orgs.
    const profile = await loadConnectionProfile(connectionProfilePath());
    const qscc = await FabricLedger.connect({ connectionProfile: { ...profile, chaincode: 'qscc' } });
    try {
      const tx = endorsersOf(
        await qscc.evaluate({
          user: FARMER,
          fn: 'GetTransactionByID',
          args: [profile.channel, submitted.txId],
        }),
      );
      expect(tx.validationCode).toBe(0);
      expect(new Set(tx.mspIds).size).toBeGreaterThanOrEqual(2);
      expect(tx.mspIds).toContain('ProducersMSP');
    } finally {
      await qscc.close();
    }
  });

  it('delivers the chaincode event of a committed transaction from a start block', async () => {
    const gtin = freshGtin();
    const submitted = await ledger.submit({
      user: BRAND,
      fn: 'RegisterProduct',
      args: [productJson(gtin, 'Dark roast 1 kg')],
    });
    const stream = await ledger.events({ startBlock: submitted.blockNumber });
    let found: ChaincodeEvent | undefined;
    try {
      for await (const event of stream) {
        if (event.txId === submitted.txId) {
          found = event;
          break;
        }
      }
    } finally {
      stream.close();
    }
    expect(found?.eventName).toBe('ProductRegistered');
    expect(found?.blockNumber).toBe(submitted.blockNumber);
    expect(JSON.parse(utf8(found!.payload))).toMatchObject({ gtin, owner: 'BrandsMSP' });
  });

  it('delivers only new events to a stream opened without a start block', async () => {
    const before = await ledger.submit({
      user: FARMER,
      fn: 'RegisterProduct',
      args: [productJson(freshGtin())],
    });
    const stream = await ledger.events();
    const iterator = stream[Symbol.asyncIterator]();
    // The stream pins its start to the chain height (qscc GetChainInfo) when it first subscribes; the pause lets
    // that happen before the next transaction commits.
    const first = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = await ledger.submit({
      user: FARMER,
      fn: 'RegisterProduct',
      args: [productJson(freshGtin())],
    });
    try {
      const { value } = await first;
      expect((value as ChaincodeEvent).txId).toBe(after.txId);
      expect((value as ChaincodeEvent).blockNumber).toBeGreaterThan(before.blockNumber);
    } finally {
      stream.close();
    }
  });

  it("maps the chaincode's refusal to an EndorsementError carrying the contract's message", async () => {
    const gtin = freshGtin();
    await ledger.submit({ user: FARMER, fn: 'RegisterProduct', args: [productJson(gtin)] });

    const duplicate = await refusal(
      ledger.submit({ user: FARMER, fn: 'RegisterProduct', args: [productJson(gtin)] }),
      EndorsementError,
    );
    expect(duplicate.chaincodeCode).toBe('ALREADY_EXISTS');
    expect(duplicate.chaincodeMessage).toContain(gtin);

    // The carrier's certificate says trace.role=logistics, which may not register products.
    const forbidden = await refusal(
      ledger.submit({ user: CARRIER, fn: 'RegisterProduct', args: [productJson(freshGtin())] }),
      EndorsementError,
    );
    expect(forbidden.chaincodeCode).toBe('FORBIDDEN');

    const missing = await refusal(
      ledger.evaluate({ user: BRAND, fn: 'GetProduct', args: [freshGtin()] }),
      EndorsementError,
    );
    expect(missing.chaincodeCode).toBe('NOT_FOUND');
  });

  it('reports the loser of two concurrent writes of one key as an MVCC read conflict', async () => {
    // Both proposals are simulated before either commits (BatchTimeout 200 ms), so validation, not the chaincode,
    // refuses the second. Should the second simulation ever see the first commit, the chaincode refuses it
    // instead (ALREADY_EXISTS); a few rounds make a read conflict certain to show.
    const conflicts: ReadConflictError[] = [];
    for (let round = 0; round < 3 && conflicts.length === 0; round++) {
      const gtin = freshGtin();
      const outcomes = await Promise.allSettled([
        ledger.submit({ user: FARMER, fn: 'RegisterProduct', args: [productJson(gtin)] }),
        ledger.submit({ user: BRAND, fn: 'RegisterProduct', args: [productJson(gtin)] }),
      ]);
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(refused).toHaveLength(1);
      const loser = refused[0];
      if (loser instanceof ReadConflictError) conflicts.push(loser);
      else expect((loser as EndorsementError).chaincodeCode).toBe('ALREADY_EXISTS');
    }
    expect(conflicts[0]?.code).toBe('MVCC_READ_CONFLICT');
    expect(conflicts[0]?.txId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a user who is not in the wallet', async () => {
    const err = await refusal(
      ledger.evaluate({ user: 'BrandsMSP/nobody', fn: 'GetProduct', args: [freshGtin()] }),
      LedgerError,
    );
    expect(err.code).toBe('UNKNOWN_IDENTITY');
  });
});
