import type { ChaincodeEvent, EventStream } from '../src/ledger';
import type { EmbeddedLedger } from '../src/embedded';
import { FARMER, openLedger, tempDir, text } from './ledgerHarness';

async function take(stream: EventStream, n: number): Promise<ChaincodeEvent[]> {
  const out: ChaincodeEvent[] = [];
  for await (const e of stream) {
    out.push(e);
    if (out.length === n) break;
  }
  return out;
}

describe('embedded ledger chaincode events', () => {
  const { dir, cleanup } = tempDir();
  let ledger: EmbeddedLedger;
  beforeAll(async () => {
    ledger = await openLedger(dir);
  });
  afterAll(async () => {
    await ledger.close();
    cleanup();
  });

  it('delivers each committed event once, in commit order, and only the last setEvent of a transaction', async () => {
    const stream = await ledger.events();
    const received = take(stream, 6);
    const results = [];
    for (let i = 0; i < 3; i++)
      results.push(await ledger.submit({ user: FARMER, fn: 'emitTwice', args: [`E${i}`, `p${i}`] }));
    const batch = await Promise.all(
      [3, 4, 5].map((i) => ledger.submit({ user: FARMER, fn: 'emitTwice', args: [`E${i}`, `p${i}`] })),
    );
    results.push(...batch);
    const events = await received;
    expect(events.map((e) => e.eventName).slice(0, 3)).toEqual(['E0', 'E1', 'E2']);
    expect(new Set(events.map((e) => e.eventName))).toEqual(new Set(['E0', 'E1', 'E2', 'E3', 'E4', 'E5']));
    expect(events.map((e) => e.txId).sort()).toEqual(results.map((r) => r.txId).sort());
    const order = events.map((e) => e.blockNumber);
    expect([...order].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(order);
    expect(text(events[0]!.payload)).toBe('p0');
  });

  it('does not deliver events of failed or conflicting transactions', async () => {
    const stream = await ledger.events();
    await expect(ledger.submit({ user: FARMER, fn: 'fail', args: ['NOPE: x'] })).rejects.toThrow('NOPE');
    const marker = await ledger.submit({ user: FARMER, fn: 'emitTwice', args: ['marker', 'm'] });
    const [first] = await take(stream, 1);
    expect(first?.txId).toBe(marker.txId);
  });

  it('replays from a start block, then continues live, with no gap or duplicate', async () => {
    const first = await ledger.submit({ user: FARMER, fn: 'emitTwice', args: ['R0', 'r0'] });
    await ledger.submit({ user: FARMER, fn: 'emitTwice', args: ['R1', 'r1'] });
    const stream = await ledger.events({ startBlock: first.blockNumber });
    const received = take(stream, 3);
    await ledger.submit({ user: FARMER, fn: 'emitTwice', args: ['R2', 'r2'] });
    expect((await received).map((e) => e.eventName)).toEqual(['R0', 'R1', 'R2']);
  });

  it('replays everything from block 0 after a reopen', async () => {
    await ledger.close();
    ledger = await openLedger(dir);
    const stream = await ledger.events({ startBlock: 0n });
    const names = (await take(stream, 10)).map((e) => e.eventName);
    expect(names).toEqual(expect.arrayContaining(['E0', 'E5', 'marker', 'R0', 'R1', 'R2']));
    expect(names).toHaveLength(10);
    stream.close();
  });
});
