/**
 * Bringing state up to the block store on open: every block after the state's savepoint is re-applied from the
 * block file (valid transactions only, as recorded) plus the pvt store. A block is applied with its savepoint in
 * one batch, so a crash during recovery simply resumes it: nothing is applied twice.
 */
import { LedgerUnavailableError } from '../errors';
import { parseData } from './block';
import type { BlockStore } from './blockStore';
import type { PrivateDataStore } from './privateDataStore';
import { stateBatch, type TxUpdate } from './stateUpdates';
import { updateFromRecord } from './txRecord';
import type { WorldState } from './worldState';

/** Replay blocks after the savepoint; returns how many were applied. */
export async function recoverState(
  blocks: BlockStore,
  state: WorldState,
  pvt: PrivateDataStore,
): Promise<number> {
  const savepoint = await state.savepoint();
  if (savepoint >= blocks.height) {
    throw new LedgerUnavailableError(
      `state is at block ${savepoint} but the block store ends at ${blocks.height - 1}; rebuild the state`,
    );
  }
  let applied = 0;
  for (let n = savepoint + 1; n < blocks.height; n++) {
    const data = parseData(await blocks.read(n));
    const updates: TxUpdate[] = [];
    const txIds = 'txs' in data ? data.txs.map((tx) => tx.txId) : [];
    if ('txs' in data) {
      const privateByTx = await pvt.get(n);
      data.txs.forEach((tx, txNum) => {
        if (tx.validationCode === 'VALID')
          updates.push(updateFromRecord(tx, txNum, privateByTx.get(txNum) ?? []));
      });
    }
    await state.db.batch(stateBatch(n, updates, txIds));
    applied++;
  }
  return applied;
}
