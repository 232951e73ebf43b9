/**
 * Private data values by block and transaction (Fabric's pvtdata store), in its own LevelDB at
 * `<dataDir>/pvtdata`. Written with sync before the block is acknowledged, because the block carries only
 * hashes: this store is what recovery (and a state rebuild) reads private values back from.
 */
import { ClassicLevel } from 'classic-level';
import { LedgerUnavailableError } from '../errors';
import type { PrivateWrite } from './rwset';

/** classic-level reports a LevelDB held by another process as a failed open caused by LEVEL_LOCKED. */
export function isLocked(err: unknown): boolean {
  return (err as { cause?: { code?: string } } | undefined)?.cause?.code === 'LEVEL_LOCKED';
}

function entryKey(blockNum: number, txNum: number): string {
  return blockNum.toString(16).padStart(16, '0') + txNum.toString(16).padStart(8, '0');
}

type Wire = [string, string, string | null][];

export class PrivateDataStore {
  private constructor(private readonly db: ClassicLevel) {}

  static async open(location: string): Promise<PrivateDataStore> {
    const db = new ClassicLevel<string, string>(location, { keyEncoding: 'utf8', valueEncoding: 'utf8' });
    try {
      await db.open();
    } catch (err) {
      if (isLocked(err))
        throw new LedgerUnavailableError(`${location} is in use by another process`, { cause: err });
      throw err;
    }
    return new PrivateDataStore(db);
  }

  /** Durably store the private writes of a block's transactions (keyed by tx index). */
  async put(blockNum: number, byTx: ReadonlyMap<number, readonly PrivateWrite[]>): Promise<void> {
    const ops = [...byTx].map(([txNum, writes]) => ({
      type: 'put' as const,
      key: entryKey(blockNum, txNum),
      value: JSON.stringify(
        writes.map((w): Wire[number] => [
          w.collection,
          w.key,
          w.value === null ? null : Buffer.from(w.value).toString('base64'),
        ]),
      ),
    }));
    if (ops.length > 0) await this.db.batch(ops, { sync: true });
  }

  /** The private writes of block `blockNum`, by tx index. */
  async get(blockNum: number): Promise<Map<number, PrivateWrite[]>> {
    const prefix = blockNum.toString(16).padStart(16, '0');
    const out = new Map<number, PrivateWrite[]>();
    for await (const [k, v] of this.db.iterator({ gte: prefix, lt: `${prefix}g` })) {
      const wire = JSON.parse(v) as Wire;
      out.set(
        parseInt(k.substring(16), 16),
        wire.map(([collection, key, value]) => ({
          collection,
          key,
          value: value === null ? null : Buffer.from(value, 'base64'),
        })),
      );
    }
    return out;
  }

  /**
   * Drop entries of blocks at or above `height`: private data synced for a block whose append never completed
   * (a crash in between). Left in place, they would be taken for the private data of the next block.
   */
  async truncate(height: number): Promise<void> {
    await this.db.clear({ gte: entryKey(height, 0) });
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
