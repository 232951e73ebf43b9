import { ReadConflictError } from '../src/errors';
import { gates } from './fixtureContract';
import { FARMER, suiteLedger, text } from './ledgerHarness';

describe('embedded ledger MVCC validation', () => {
  const ledger = suiteLedger();

  it('lets exactly one of two concurrent read-modify-writes of one key commit', async () => {
    await ledger.submit({ user: FARMER, fn: 'put', args: ['counter', '10'] });
    const outcomes = await Promise.allSettled([
      ledger.submit({ user: FARMER, fn: 'increment', args: ['counter'] }),
      ledger.submit({ user: FARMER, fn: 'increment', args: ['counter'] }),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toBeInstanceOf(ReadConflictError);
    expect(lost[0]?.reason).toMatchObject({ code: 'MVCC_READ_CONFLICT' });
    expect(text(await ledger.evaluate({ user: FARMER, fn: 'get', args: ['counter'] }))).toBe('11');
    const history = JSON.parse(
      text(await ledger.evaluate({ user: FARMER, fn: 'history', args: ['counter'] })),
    );
    expect(history.map((h: { value: string }) => h.value)).toEqual(['11', '10']);
  });

  it('serialises many concurrent increments: the count equals the number of acknowledged submits', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => ledger.submit({ user: FARMER, fn: 'increment', args: ['many'] })),
    );
    const ok = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(ok).toBeGreaterThanOrEqual(1);
    expect(
      outcomes.filter((o) => o.status === 'rejected').every((o) => o.reason instanceof ReadConflictError),
    ).toBe(true);
    expect(text(await ledger.evaluate({ user: FARMER, fn: 'get', args: ['many'] }))).toBe(String(ok));
  });

  it('invalidates a range reader when a key appears in its range before it commits (phantom read)', async () => {
    await ledger.submit({ user: FARMER, fn: 'put', args: ['r-1', 'a'] });
    const counting = ledger.submit({
      user: FARMER,
      fn: 'countAfterGate',
      args: ['r-', 'r.', 'count', 'phantom'],
    });
    while (!gates.has('phantom')) await new Promise((resolve) => setImmediate(resolve));
    await ledger.submit({ user: FARMER, fn: 'put', args: ['r-2', 'b'] });
    gates.get('phantom')?.();
    await expect(counting).rejects.toBeInstanceOf(ReadConflictError);
    await expect(counting).rejects.toMatchObject({ code: 'PHANTOM_READ_CONFLICT' });
    expect(text(await ledger.evaluate({ user: FARMER, fn: 'get', args: ['count'] }))).toBe('');
  });

  it('invalidates a point reader when the key changed in an earlier block before it commits (MVCC)', async () => {
    await ledger.submit({ user: FARMER, fn: 'put', args: ['guarded', 'v1'] });
    const copying = ledger.submit({ user: FARMER, fn: 'copyAfterGate', args: ['guarded', 'copy', 'mvcc'] });
    while (!gates.has('mvcc')) await new Promise((resolve) => setImmediate(resolve));
    await ledger.submit({ user: FARMER, fn: 'put', args: ['guarded', 'v2'] });
    gates.get('mvcc')?.();
    await expect(copying).rejects.toMatchObject({ code: 'MVCC_READ_CONFLICT' });
    expect(text(await ledger.evaluate({ user: FARMER, fn: 'get', args: ['copy'] }))).toBe('');
  });

  it('keeps a range reader valid when nothing in its range changed', async () => {
    const [count] = await Promise.all([
      ledger.submit({ user: FARMER, fn: 'countInto', args: ['r-', 'r.', 'count'] }),
      ledger.submit({ user: FARMER, fn: 'put', args: ['s-1', 'outside'] }),
    ]);
    expect(text(count.result)).toBe('2');
  });
});
