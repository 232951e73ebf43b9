/**
 * The orderer and committer in one: endorsed transactions queue up, and whenever the previous block is done (or
 * after `batchTimeoutMs` when idle) up to `maxTxPerBlock` of them are cut into a block. The block is validated
 * (MVCC and phantom checks in order), its private values are synced to the pvt store, the block is appended and
 * fdatasync'd, and only then is state updated in one LevelDB batch and are the submitters answered. One fsync
 * per block, however many transactions it holds: group commit.
 */
import type { ChaincodeEvent } from '../ledger';
import { LedgerUnavailableError } from '../errors';
import { encodeBlock, type ValidationCode } from './block';
import type { BlockStore } from './blockStore';
import { validateBlock } from './mvccValidator';
import type { PrivateDataStore } from './privateDataStore';
import type { PrivateWrite } from './rwset';
import { stateBatch, type TxUpdate } from './stateUpdates';
import { toTxRecord, type EndorsedTx } from './txRecord';
import type { WorldState } from './worldState';

export interface CommitterOptions {
  /** Most transactions in one block (Fabric's BatchSize.MaxMessageCount). Default 1000. */
  readonly maxTxPerBlock?: number;
  /** How long an idle committer waits for more transactions before cutting (Fabric's BatchTimeout). Default 0. */
  readonly batchTimeoutMs?: number;
}

/** How a transaction ended up. */
export interface CommitOutcome {
  readonly blockNumber: number;
  readonly code: ValidationCode;
}

interface Pending {
  readonly tx: EndorsedTx;
  readonly resolve: (o: CommitOutcome) => void;
  readonly reject: (e: Error) => void;
}

export class Committer {
  private queue: Pending[] = [];
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;
  private failure: Error | undefined;
  private readonly maxTxPerBlock: number;
  private readonly batchTimeoutMs: number;
  /** Blocks fully committed and published (events of blocks below this are in the store). */
  committedHeight: number;

  constructor(
    private readonly state: WorldState,
    private readonly blocks: BlockStore,
    private readonly pvt: PrivateDataStore,
    private readonly onCommitted: (blockNum: number, events: ChaincodeEvent[]) => void,
    options: CommitterOptions = {},
  ) {
    this.maxTxPerBlock = options.maxTxPerBlock ?? 1000;
    this.batchTimeoutMs = options.batchTimeoutMs ?? 0;
    this.committedHeight = blocks.height;
  }

  /** Order and commit `tx`; resolves once its block is durable and applied. */
  submit(tx: EndorsedTx): Promise<CommitOutcome> {
    if (this.failure)
      return Promise.reject(
        new LedgerUnavailableError('the committer has failed; reopen the ledger', { cause: this.failure }),
      );
    return new Promise<CommitOutcome>((resolve, reject) => {
      this.queue.push({ tx, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when everything queued so far is committed. */
  async drain(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.run();
    }
    await this.idle;
  }

  private schedule(): void {
    if (this.running || this.timer) return;
    if (this.queue.length >= this.maxTxPerBlock || this.batchTimeoutMs <= 0) {
      this.idle = new Promise((r) => (this.markIdle = r));
      this.running = true;
      setImmediate(() => void this.run());
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, this.batchTimeoutMs);
  }

  private async run(): Promise<void> {
    if (!this.running) {
      this.idle = new Promise((r) => (this.markIdle = r));
      this.running = true;
    }
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxTxPerBlock);
        try {
          await this.commitBlock(batch);
        } catch (err) {
          // State may now lag the block file; recovery on reopen repairs it. Refuse new work until then.
          this.failure = err as Error;
          const e =
            err instanceof LedgerUnavailableError
              ? err
              : new LedgerUnavailableError('commit failed', { cause: err });
          for (const p of [...batch, ...this.queue.splice(0)]) p.reject(e);
        }
      }
    } finally {
      this.running = false;
      this.markIdle();
    }
  }

  private async commitBlock(batch: readonly Pending[]): Promise<void> {
    const blockNum = this.blocks.height;
    const codes = await validateBlock(
      this.state,
      batch.map((p) => p.tx.rwset),
      batch.map((p) => p.tx.proposal.txId),
    );
    const records: string[] = [];
    const privateByTx = new Map<number, readonly PrivateWrite[]>();
    const updates: TxUpdate[] = [];
    const events: ChaincodeEvent[] = [];
    batch.forEach((p, txNum) => {
      const code = codes[txNum] ?? 'MVCC_READ_CONFLICT';
      records.push(JSON.stringify(toTxRecord(p.tx, code)));
      if (code !== 'VALID') return;
      const { proposal, rwset, event } = p.tx;
      if (rwset.privateWrites.length > 0) privateByTx.set(txNum, rwset.privateWrites);
      updates.push({
        txNum,
        txId: proposal.txId,
        seconds: proposal.seconds,
        nanos: proposal.nanos,
        writes: rwset.writes,
        privateWrites: rwset.privateWrites,
      });
      if (event)
        events.push({
          blockNumber: BigInt(blockNum),
          txId: proposal.txId,
          eventName: event.name,
          payload: event.payload,
        });
    });
    const data = Buffer.from(`{"txs":[${records.join(',')}]}`, 'utf8');
    const { frame, headerHash } = encodeBlock(blockNum, this.blocks.lastHeaderHash, data);
    // Private values first (synced), so a block on disk never lacks the private data it hashes.
    await this.pvt.put(blockNum, privateByTx);
    await this.blocks.append(frame, headerHash);
    await this.state.db.batch(
      stateBatch(
        blockNum,
        updates,
        batch.map((p) => p.tx.proposal.txId),
      ),
    );
    this.committedHeight = blockNum + 1;
    this.onCommitted(blockNum, events);
    batch.forEach((p, i) => {
      p.resolve({ blockNumber: blockNum, code: codes[i] ?? 'MVCC_READ_CONFLICT' });
    });
  }
}
