/**
 * Chaincode events from the peer Gateway service as the ledger interface's {@link EventStream}, checkpointed so a
 * restarted gateway resumes after the last event its consumer finished with.
 *
 * An event is checkpointed when the consumer asks for the next one, i.e. after it has processed (stored) the
 * previous one; a crash in between delivers that event again, so consumers store idempotently (by txId).
 * When the peer goes away the stream re-subscribes from the checkpoint instead of ending.
 */
import type {
  ChaincodeEvent as FabricChaincodeEvent,
  Checkpointer,
  CloseableAsyncIterable,
} from '@hyperledger/fabric-gateway';
import { LedgerUnavailableError } from '../errors';
import type { ChaincodeEvent, EventStream } from '../ledger';
import { toLedgerError } from './errorMapping';

/** Opens one subscription from the checkpoint (or `startBlock` when the checkpoint is empty). */
export type Subscribe = (checkpointer: Checkpointer) => Promise<CloseableAsyncIterable<FabricChaincodeEvent>>;

export interface ChaincodeEventStreamOptions {
  /** Pause before re-subscribing after the peer became unreachable; doubles up to `maxRetryDelayMs`. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
}

function toEvent(e: FabricChaincodeEvent): ChaincodeEvent {
  return { blockNumber: e.blockNumber, txId: e.transactionId, eventName: e.eventName, payload: e.payload };
}

/**
 * Cancel a subscription nobody has read from. Its gRPC stream starts on subscription and reports the cancellation
 * as an 'error' event, which without a reader attached is an unhandled error that ends the process; starting a
 * read first gives the cancellation somewhere to go.
 */
function cancelUnread(events: CloseableAsyncIterable<FabricChaincodeEvent>): void {
  const read = events[Symbol.asyncIterator]().next();
  events.close();
  read.catch(() => undefined);
}

export class ChaincodeEventStream implements EventStream {
  private current: CloseableAsyncIterable<FabricChaincodeEvent> | undefined;
  private closed = false;
  private wake: (() => void) | undefined;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;

  constructor(
    private readonly subscribe: Subscribe,
    private readonly checkpointer: Checkpointer,
    private readonly onClose: (stream: ChaincodeEventStream) => void = () => undefined,
    options: ChaincodeEventStreamOptions = {},
  ) {
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 10_000;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ChaincodeEvent> {
    let delay = this.retryDelayMs;
    while (!this.closed) {
      try {
        this.current = await this.subscribe(this.checkpointer);
        // close() may have run while subscribing, with nothing yet to cancel.
        if (this.closed) {
          cancelUnread(this.current);
          return;
        }
        for await (const event of this.current) {
          delay = this.retryDelayMs;
          yield toEvent(event);
          // Reached only when the consumer asks for the next event: the previous one is done.
          await this.checkpointer.checkpointChaincodeEvent(event);
          if (this.closed) return;
        }
        // The server ended the stream (peer shutting down): resume from the checkpoint.
      } catch (err) {
        if (this.closed) return;
        const mapped = toLedgerError(err);
        if (!(mapped instanceof LedgerUnavailableError)) throw mapped;
      } finally {
        this.current?.close();
        this.current = undefined;
      }
      await this.sleep(delay);
      delay = Math.min(delay * 2, this.maxRetryDelayMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Stop delivering; an iteration in progress ends normally. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.current?.close();
    this.wake?.();
    this.onClose(this);
  }
}
