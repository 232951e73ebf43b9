/**
 * World state in LevelDB (classic-level): current public values with their versions, the history index,
 * current private values with their hashes, and the savepoint (last block applied). Everything here can be
 * rebuilt from the block files plus the private data store, so writes are not synced: the block file is the
 * durable record (as in Fabric, where state is recovered from the block store past the savepoint).
 *
 * Key layout (one keyspace, one-letter prefixes):
 *   S<key>                          → version(12) + value
 *   P<collection>\0<key>            → version(12) + sha256(value)(32) + value
 *   H<len(key)>:<key><block16><tx8> → history record (see historyRecord.ts)
 *   T<txId>                         → block number (decimal) of every ordered tx, valid or not
 *   Msavepoint                      → block number (decimal)
 */
import { ClassicLevel } from 'classic-level';
import type { Version } from './rwset';

const VERSION_BYTES = 12;
const HASH_BYTES = 32;
const SAVEPOINT_KEY = 'Msavepoint';

export interface VersionedValue {
  readonly version: Version;
  readonly value: Uint8Array;
}

export interface PrivateValue extends VersionedValue {
  readonly hash: Uint8Array;
}

export function encodeVersion(version: Version, payloadBytes: number): Buffer {
  const buf = Buffer.allocUnsafe(VERSION_BYTES + payloadBytes);
  buf.writeBigUInt64BE(BigInt(version.blockNum), 0);
  buf.writeUInt32BE(version.txNum, 8);
  return buf;
}

function decodeVersion(buf: Uint8Array): Version {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  return { blockNum: Number(view.readBigUInt64BE(0)), txNum: view.readUInt32BE(8) };
}

export function stateKey(key: string): string {
  return `S${key}`;
}

export function privateKey(collection: string, key: string): string {
  return `P${collection}\u0000${key}`;
}

/** Encode a current public value with its version. */
export function encodeState(version: Version, value: Uint8Array): Buffer {
  const buf = encodeVersion(version, value.byteLength);
  buf.set(value, VERSION_BYTES);
  return buf;
}

export function encodePrivate(version: Version, hash: Uint8Array, value: Uint8Array): Buffer {
  const buf = encodeVersion(version, HASH_BYTES + value.byteLength);
  buf.set(hash, VERSION_BYTES);
  buf.set(value, VERSION_BYTES + HASH_BYTES);
  return buf;
}

function decodeState(raw: Uint8Array): VersionedValue {
  return { version: decodeVersion(raw), value: raw.subarray(VERSION_BYTES) };
}

/** A range scan's bounds in LevelDB keys, for a public range [startKey, endKey) ('' end: unbounded). */
function stateBounds(startKey: string, endKey: string): { gte: string; lt: string } {
  // Unbounded: up to the next prefix letter, which bounds every key of the `S` keyspace exactly.
  return { gte: stateKey(startKey), lt: endKey === '' ? 'T' : stateKey(endKey) };
}

export type StateDb = ClassicLevel<string, Uint8Array>;

export class WorldState {
  private constructor(readonly db: StateDb) {}

  static async open(location: string): Promise<WorldState> {
    const db = new ClassicLevel<string, Uint8Array>(location, { keyEncoding: 'utf8', valueEncoding: 'view' });
    await db.open();
    return new WorldState(db);
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  /** The current value and version of a public key, or undefined. Synchronous: LevelDB's cache answers in µs. */
  get(key: string): VersionedValue | undefined {
    const raw = this.db.getSync(stateKey(key));
    return raw === undefined ? undefined : decodeState(raw);
  }

  /** Current versions of many public keys (null where absent), in one LevelDB call. */
  async versions(keys: readonly string[]): Promise<(Version | null)[]> {
    if (keys.length === 0) return [];
    const raws = await this.db.getMany(keys.map(stateKey));
    return raws.map((raw) => (raw === undefined ? null : decodeVersion(raw)));
  }

  getPrivate(collection: string, key: string): PrivateValue | undefined {
    const raw = this.db.getSync(privateKey(collection, key));
    if (raw === undefined) return undefined;
    return {
      version: decodeVersion(raw),
      hash: raw.subarray(VERSION_BYTES, VERSION_BYTES + HASH_BYTES),
      value: raw.subarray(VERSION_BYTES + HASH_BYTES),
    };
  }

  /**
   * Up to `limit` (0: all) public entries in [startKey, endKey), in key order. Returns an async generator reading
   * LevelDB in batches, so a long range is never held in memory at once.
   */
  async *range(
    startKey: string,
    endKey: string,
    limit = 0,
  ): AsyncGenerator<{ key: string } & VersionedValue> {
    yield* this.scan(stateBounds(startKey, endKey), 1, limit);
  }

  /** Private entries of a collection in [startKey, endKey). */
  async *privateRange(
    collection: string,
    startKey: string,
    endKey: string,
  ): AsyncGenerator<{ key: string } & VersionedValue> {
    const prefix = privateKey(collection, '');
    const gte = prefix + startKey;
    const lt = endKey === '' ? `P${collection}\u0001` : prefix + endKey;
    for await (const entry of this.scan({ gte, lt }, prefix.length, 0)) {
      yield { key: entry.key, version: entry.version, value: entry.value.subarray(HASH_BYTES) };
    }
  }

  private async *scan(
    bounds: { gte: string; lt: string },
    prefixLength: number,
    limit: number,
  ): AsyncGenerator<{ key: string } & VersionedValue> {
    const it = this.db.iterator({ ...bounds, limit: limit > 0 ? limit : -1 });
    try {
      for (;;) {
        const batch = await it.nextv(100);
        if (batch.length === 0) return;
        for (const [k, raw] of batch) yield { key: k.substring(prefixLength), ...decodeState(raw) };
      }
    } finally {
      await it.close();
    }
  }

  /** Whether a transaction with this ID was already ordered (Fabric refuses duplicate transaction IDs). */
  hasTx(txId: string): boolean {
    return this.db.getSync(`T${txId}`) !== undefined;
  }

  /** Which of `txIds` were already ordered. */
  async knownTxs(txIds: readonly string[]): Promise<boolean[]> {
    if (txIds.length === 0) return [];
    return (await this.db.getMany(txIds.map((id) => `T${id}`))).map((v) => v !== undefined);
  }

  /** Last block whose writes are applied; -1 for an empty ledger. */
  async savepoint(): Promise<number> {
    const raw = await this.db.get(SAVEPOINT_KEY);
    return raw === undefined ? -1 : Number(Buffer.from(raw).toString('utf8'));
  }

  /** The transaction-index entry of an ordered transaction. */
  static txIndexPut(txId: string, blockNum: number): { type: 'put'; key: string; value: Uint8Array } {
    return { type: 'put', key: `T${txId}`, value: Buffer.from(String(blockNum), 'utf8') };
  }

  /** The savepoint entry for a block batch: applied atomically with that block's writes. */
  static savepointPut(blockNum: number): { type: 'put'; key: string; value: Uint8Array } {
    return { type: 'put', key: SAVEPOINT_KEY, value: Buffer.from(String(blockNum), 'utf8') };
  }
}
