import type { EmbeddedLedger } from '../src/embedded';
import { FARMER, openLedger, tempDir, text } from './ledgerHarness';

describe('embedded ledger queries', () => {
  const { dir, cleanup } = tempDir();
  let ledger: EmbeddedLedger;
  const query = async (fn: string, ...args: string[]): Promise<unknown> =>
    JSON.parse(text(await ledger.evaluate({ user: FARMER, fn, args })));

  beforeAll(async () => {
    ledger = await openLedger(dir);
    await Promise.all(
      ['b', 'a', 'd', 'c', 'e'].map((k) =>
        ledger.submit({ user: FARMER, fn: 'put', args: [`key-${k}`, k.toUpperCase()] }),
      ),
    );
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        ledger.submit({
          user: FARMER,
          fn: 'recordPassage',
          args: ['urn:epc:id:sgtin:1.2.3', String(i + 1), `stage ${i + 1}`],
        }),
      ),
    );
    await ledger.submit({
      user: FARMER,
      fn: 'recordPassage',
      args: ['urn:epc:id:sgtin:1.2.4', '1', 'other item'],
    });
  });
  afterAll(async () => {
    await ledger.close();
    cleanup();
  });

  it('returns history newest first, with deletes and transaction IDs', async () => {
    const first = await ledger.submit({ user: FARMER, fn: 'put', args: ['h', 'v1'] });
    const second = await ledger.submit({ user: FARMER, fn: 'put', args: ['h', 'v2'] });
    const removal = await ledger.submit({ user: FARMER, fn: 'del', args: ['h'] });
    expect(await query('history', 'h')).toEqual([
      expect.objectContaining({ txId: removal.txId, isDelete: true, value: '' }),
      expect.objectContaining({ txId: second.txId, isDelete: false, value: 'v2' }),
      expect.objectContaining({ txId: first.txId, isDelete: false, value: 'v1' }),
    ]);
  });

  it('scans a key range in order, end exclusive, skipping composite keys', async () => {
    expect(await query('range', 'key-b', 'key-e')).toEqual([
      { key: 'key-b', value: 'B' },
      { key: 'key-c', value: 'C' },
      { key: 'key-d', value: 'D' },
    ]);
    const all = (await query('range', '', '')) as { key: string }[];
    expect(all.every((kv) => !kv.key.startsWith('\u0000'))).toBe(true);
  });

  it('pages a range with bookmarks until the bookmark is empty', async () => {
    const p1 = (await query('rangePage', 'key-a', 'key-z', '2', '')) as {
      keys: string[];
      metadata: { bookmark: string; fetchedRecordsCount: number };
    };
    expect(p1.keys).toEqual(['key-a', 'key-b']);
    expect(p1.metadata).toEqual({ fetchedRecordsCount: 2, bookmark: 'key-c' });
    const p2 = (await query('rangePage', 'key-a', 'key-z', '2', p1.metadata.bookmark)) as typeof p1;
    expect(p2.keys).toEqual(['key-c', 'key-d']);
    const p3 = (await query('rangePage', 'key-a', 'key-z', '2', p2.metadata.bookmark)) as typeof p1;
    expect(p3.keys).toEqual(['key-e']);
    expect(p3.metadata.bookmark).toBe('');
  });

  it('leaves the metadata out of an empty page, as fabric-shim does', async () => {
    const empty = (await query('rangePage', 'nothing-a', 'nothing-z', '2', '')) as {
      keys: string[];
      metadata?: unknown;
    };
    expect(empty.keys).toEqual([]);
    expect(empty.metadata).toBeUndefined();
  });

  it('finds one item by partial composite key, split back into its attributes', async () => {
    const stages = (await query('trace', 'urn:epc:id:sgtin:1.2.3')) as {
      attributes: string[];
      value: string;
    }[];
    expect(stages.map((s) => s.attributes)).toEqual(
      Array.from({ length: 7 }, (_, i) => ['urn:epc:id:sgtin:1.2.3', String(i + 1).padStart(4, '0')]),
    );
    expect(stages[0]?.value).toBe('stage 1');
  });

  it('pages a partial composite key query', async () => {
    const seen: string[] = [];
    let bookmark = '';
    let pages = 0;
    do {
      const page = (await query('tracePage', 'urn:epc:id:sgtin:1.2.3', '3', bookmark)) as {
        stages: string[];
        bookmark: string;
        count: number;
      };
      seen.push(...page.stages);
      bookmark = page.bookmark;
      pages++;
    } while (bookmark !== '' && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(['0001', '0002', '0003', '0004', '0005', '0006', '0007']);
  });

  it('refuses writes after a paginated query, as Fabric does', async () => {
    await expect(ledger.submit({ user: FARMER, fn: 'pageThenWrite', args: ['paged'] })).rejects.toThrow(
      'Transaction has already performed a paginated query. Writes are not allowed',
    );
  });
});
