/**
 * Turning a block's valid transactions into one LevelDB batch: new values with their versions, history records,
 * private values with their hashes, and the savepoint. Used by the committer and by recovery, so a replayed block
 * is applied exactly as it was the first time.
 */
import { createHash } from 'node:crypto';
import { encodeHistory, historyKey } from './historyIndex';
import type { KeyWrite, PrivateWrite } from './rwset';
import { encodePrivate, encodeState, privateKey, stateKey, WorldState } from './worldState';

/** What one valid transaction changes. */
export interface TxUpdate {
  readonly txNum: number;
  readonly txId: string;
  readonly seconds: number;
  readonly nanos: number;
  readonly writes: readonly KeyWrite[];
  readonly privateWrites: readonly PrivateWrite[];
}

export type BatchOp = { type: 'put'; key: string; value: Uint8Array } | { type: 'del'; key: string };

/**
 * The batch that applies `updates` (valid transactions of block `blockNum`, in order) and indexes the IDs of all
 * its transactions, valid or not.
 */
export function stateBatch(
  blockNum: number,
  updates: readonly TxUpdate[],
  txIds: readonly string[],
): BatchOp[] {
  const ops: BatchOp[] = txIds.map((id) => WorldState.txIndexPut(id, blockNum));
  for (const u of updates) {
    const version = { blockNum, txNum: u.txNum };
    for (const w of u.writes) {
      ops.push(
        w.value === null
          ? { type: 'del', key: stateKey(w.key) }
          : { type: 'put', key: stateKey(w.key), value: encodeState(version, w.value) },
      );
      ops.push({
        type: 'put',
        key: historyKey(w.key, blockNum, u.txNum),
        value: encodeHistory(u.txId, u.seconds, u.nanos, w.value),
      });
    }
    for (const w of u.privateWrites) {
      const key = privateKey(w.collection, w.key);
      if (w.value === null) ops.push({ type: 'del', key });
      else
        ops.push({
          type: 'put',
          key,
          value: encodePrivate(version, createHash('sha256').update(w.value).digest(), w.value),
        });
    }
  }
  ops.push(WorldState.savepointPut(blockNum));
  return ops;
}
