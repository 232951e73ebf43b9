/**
 * Bringing state up to the block store on open: every block after the state's savepoint is re-applied from the
 * block file (valid transactions only, as recorded) plus the pvt store. A block is applied with its savepoint in
 * one batch, so a crash during recovery simply resumes it: nothing is applied twice.
 */
import { rename } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { LedgerUnavailableError } from '../errors';
import { parseData } from './block';
import type { BlockStore } from './blockStore';
import { isLocked, type PrivateDataStore } from './privateDataStore';
import { stateBatch, type TxUpdate } from './stateUpdates';
import { updateFromRecord } from './txRecord';
import { WorldState } from './worldState';

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

async function setAside(dir: string, why: string): Promise<void> {
  if (!existsSync(dir)) return;
  const aside = `${dir}.set-aside-${Date.now()}`;
  // Kept, not deleted: an operator may want to know what went wrong with it.
  await rename(dir, aside);
  process.emitWarning(
    `embedded ledger: state database moved to ${aside} (${why}); rebuilding it from the blocks`,
  );
}

/**
 * Open the state database at `dir` and bring it up to the block store. State is derived data: if it cannot be
 * opened (corruption), claims blocks the store does not have, or `rebuild` is asked for, it is set aside and
 * rebuilt from block 0 and the private data store.
 */
export async function openRecoveredState(
  dir: string,
  blocks: BlockStore,
  pvt: PrivateDataStore,
  rebuild = false,
): Promise<WorldState> {
  if (rebuild) await setAside(dir, 'rebuild requested');
  let state: WorldState;
  try {
    state = await WorldState.open(dir);
  } catch (err) {
    // Never set aside a database another process holds open: that is not corruption.
    if (isLocked(err))
      throw new LedgerUnavailableError(`${dir} is in use by another process`, { cause: err });
    await setAside(dir, `cannot open: ${(err as Error).message}`);
    state = await WorldState.open(dir);
  }
  const savepoint = await state.savepoint();
  if (savepoint >= blocks.height) {
    await state.close();
    await setAside(dir, `savepoint ${savepoint} is beyond the last block ${blocks.height - 1}`);
    state = await WorldState.open(dir);
  }
  try {
    await recoverState(blocks, state, pvt);
  } catch (err) {
    await state.close();
    throw err instanceof LedgerUnavailableError
      ? err
      : new LedgerUnavailableError('state recovery failed', { cause: err });
  }
  return state;
}
