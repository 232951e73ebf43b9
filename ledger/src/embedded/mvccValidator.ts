/**
 * Fabric's commit-time validation, in block order: a transaction is invalid with MVCC_READ_CONFLICT if a key it
 * read has a different version now (changed by an earlier block or by an earlier valid transaction in this block),
 * and with PHANTOM_READ_CONFLICT if a range it read would now return different keys or versions.
 */
import type { ValidationCode } from './block';
import { compareKeys, sameVersion, type RangeRead, type ReadWriteSet, type Version } from './rwset';
import type { WorldState } from './worldState';

function inRange(key: string, range: RangeRead): boolean {
  if (compareKeys(key, range.startKey) < 0) return false;
  if (!range.exhausted) {
    // Only what the iterator actually consumed was read (Fabric validates up to the last key read).
    const last = range.reads.at(-1);
    return last !== undefined && compareKeys(key, last.key) <= 0;
  }
  return range.endKey === '' || compareKeys(key, range.endKey) < 0;
}

async function rangeUnchanged(state: WorldState, range: RangeRead): Promise<boolean> {
  if (!range.exhausted && range.reads.length === 0) return true;
  let i = 0;
  for await (const e of state.range(range.startKey, range.endKey)) {
    const seen = range.reads[i];
    if (seen === undefined) return !range.exhausted;
    if (e.key !== seen.key || !sameVersion(e.version, seen.version)) return false;
    i++;
  }
  return i === range.reads.length;
}

/**
 * Validate `txs` (one block, in order, with their transaction IDs) against committed state; returns one code per
 * transaction. A transaction ID already ordered, earlier or in this block, is DUPLICATE_TXID.
 */
export async function validateBlock(
  state: WorldState,
  txs: readonly ReadWriteSet[],
  txIds: readonly string[],
): Promise<ValidationCode[]> {
  const readKeys = [...new Set(txs.flatMap((tx) => tx.reads.map((r) => r.key)))];
  const [known, versions] = await Promise.all([state.knownTxs(txIds), state.versions(readKeys)]);
  const seen = new Set<string>();
  const committed = new Map<string, Version | null>();
  readKeys.forEach((k, i) => committed.set(k, versions[i] ?? null));
  const updated = new Set<string>();
  const privateUpdated = new Set<string>();
  const codes: ValidationCode[] = [];
  for (const [i, tx] of txs.entries()) {
    const txId = txIds[i] ?? '';
    let code: ValidationCode = known[i] === true || seen.has(txId) ? 'DUPLICATE_TXID' : 'VALID';
    seen.add(txId);
    if (code === 'VALID') {
      for (const r of tx.reads) {
        if (updated.has(r.key) || !sameVersion(committed.get(r.key) ?? null, r.version)) {
          code = 'MVCC_READ_CONFLICT';
          break;
        }
      }
    }
    if (code === 'VALID') {
      for (const r of tx.privateReads) {
        const id = `${r.collection}\u0000${r.key}`;
        if (
          privateUpdated.has(id) ||
          !sameVersion(state.getPrivate(r.collection, r.key)?.version ?? null, r.version)
        ) {
          code = 'MVCC_READ_CONFLICT';
          break;
        }
      }
    }
    if (code === 'VALID') {
      for (const range of tx.ranges) {
        let phantom = false;
        for (const k of updated) {
          if (inRange(k, range)) {
            phantom = true;
            break;
          }
        }
        if (phantom || !(await rangeUnchanged(state, range))) {
          code = 'PHANTOM_READ_CONFLICT';
          break;
        }
      }
    }
    codes.push(code);
    if (code === 'VALID') {
      for (const w of tx.writes) updated.add(w.key);
      for (const w of tx.privateWrites) privateUpdated.add(`${w.collection}\u0000${w.key}`);
    }
  }
  return codes;
}
