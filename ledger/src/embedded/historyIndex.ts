/**
 * The history index: one LevelDB entry per valid write of a key, holding the transaction ID, timestamp,
 * delete flag and value (Fabric keeps only block/tx pointers and reads values from the block; storing the value
 * keeps a history read to one seek, and the index is rebuildable from blocks like the rest of the state DB).
 */
import type { Iterators } from 'fabric-shim';
import Long from 'long';
import type { StateDb } from './worldState';

function prefixOf(key: string): string {
  // Length-prefixed so key `a` never shares a prefix with key `a\u0001…`.
  return `H${key.length}:${key}`;
}

/** The LevelDB key of one history record; block and tx number in fixed-width hex sort numerically. */
export function historyKey(key: string, blockNum: number, txNum: number): string {
  return prefixOf(key) + blockNum.toString(16).padStart(16, '0') + txNum.toString(16).padStart(8, '0');
}

/** Serialise one modification: txId length(1) + txId + seconds(8) + nanos(4) + isDelete(1) + value. */
export function encodeHistory(
  txId: string,
  seconds: number,
  nanos: number,
  value: Uint8Array | null,
): Buffer {
  const id = Buffer.from(txId, 'latin1');
  const body = value ?? new Uint8Array(0);
  const buf = Buffer.allocUnsafe(1 + id.length + 13 + body.byteLength);
  let at = buf.writeUInt8(id.length, 0);
  at += id.copy(buf, at);
  at = buf.writeDoubleBE(seconds, at);
  at = buf.writeUInt32BE(nanos, at);
  at = buf.writeUInt8(value === null ? 1 : 0, at);
  buf.set(body, at);
  return buf;
}

function decodeHistory(raw: Uint8Array): Iterators.KeyModification {
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const idLength = buf.readUInt8(0);
  let at = 1;
  const txId = buf.toString('latin1', at, at + idLength);
  at += idLength;
  const seconds = buf.readDoubleBE(at);
  const nanos = buf.readUInt32BE(at + 8);
  const isDelete = buf.readUInt8(at + 12) === 1;
  return {
    txId,
    timestamp: { seconds: Long.fromNumber(seconds), nanos },
    isDelete,
    value: buf.subarray(at + 13),
  };
}

/** Modifications of `key`, newest first (Fabric ≥ 2.0 orders history by height, descending). */
export async function* readHistory(db: StateDb, key: string): AsyncGenerator<Iterators.KeyModification> {
  const prefix = prefixOf(key);
  const it = db.iterator({ gt: prefix, lt: `${prefix}g`, reverse: true });
  try {
    for (;;) {
      const batch = await it.nextv(100);
      if (batch.length === 0) return;
      for (const [, raw] of batch) yield decodeHistory(raw);
    }
  } finally {
    await it.close();
  }
}
