/**
 * Keeps the EPCIS event store in step with the ledger: follows the chaincode events from the block after the
 * store's checkpoint (from block 0 when the store is new or was deleted: a full rebuild), applies each
 * transaction's records in one batch with its checkpoint, and lets callers wait until a block is applied.
 * Fed only by committed chaincode events (EventsRecorded carries the full records), never by the capture path,
 * so what it answers is what the ledger holds.
 */
import { ChaincodeEventName } from '../../../../chaincode/src/api';
import { EventFollower, type TraceEvent } from '../../client';
import type { Ledger } from '../../../../ledger/src';
import { EpcisEventStore } from './eventStore';

export class EpcisReadModel {
  private readonly follower: EventFollower;
  private failure: unknown;
  private closing: Promise<void> | undefined;

  private constructor(readonly store: EpcisEventStore) {
    this.follower = new EventFollower(store.checkpoint?.block ?? -1n);
  }

  /** Opens the store in `dir` and starts following `ledger` from its checkpoint (or from block 0). */
  static async open(dir: string, ledger: Ledger): Promise<EpcisReadModel> {
    const model = new EpcisReadModel(await EpcisEventStore.open(dir));
    await model.follow(ledger);
    return model;
  }

  /** The last block applied (-1 before any). */
  get appliedHeight(): bigint {
    return this.follower.height;
  }

  private async follow(ledger: Ledger): Promise<void> {
    // Resume AT the checkpoint block: a block may hold several transactions and only some may have been
    // applied before a crash; re-applying is idempotent (events are keyed by eventID).
    const startBlock = this.store.checkpoint?.block ?? 0n;
    await this.follower.follow(
      ledger,
      { startBlock },
      {
        apply: (event, block) => this.apply(event, block),
        // The ledger closed its stream (it is shutting down): release the store with it.
        ended: () => this.close(),
        failed: (error) => {
          if (this.closing) return;
          // The checkpoint is intact: a restart resumes where this stopped. Until then, say so rather than serve
          // answers that silently stop growing.
          this.failure = error;
          console.error('[epcis-read-model] event stream ended', error);
        },
      },
    );
  }

  private async apply(event: TraceEvent | undefined, block: bigint): Promise<void> {
    switch (event?.name) {
      case ChaincodeEventName.EventsRecorded:
        await this.store.applyRecords(event.payload.records, block);
        // Error declarations made by re-capturing an event (EPCIS 2.0 §7.4.1.2), once the contract reports them.
        for (const d of event.payload.declarations ?? []) await this.store.applyErrorDeclaration(d, block);
        return;
      case ChaincodeEventName.ErrorDeclared:
        await this.store.applyErrorDeclaration(event.payload, block);
        return;
      default:
        await this.store.advance(block);
    }
  }

  /** Resolves once the events of `block` are applied; false if `timeoutMs` passed first. */
  async caughtUp(block: bigint, timeoutMs = 10_000): Promise<boolean> {
    if (this.failure !== undefined) throw new Error('EPCIS read model stopped', { cause: this.failure });
    return this.follower.caughtUp(block, timeoutMs);
  }

  /** Stops following the ledger and closes the store; safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.follower.close();
      await this.store.close();
    })();
    return this.closing;
  }
}
