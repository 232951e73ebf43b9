/**
 * The one read-model loop: follow the ledger's chaincode events, hand each (decoded) to the read model, track
 * the height it has applied, and let callers wait until it has caught up with a block (read-your-writes). The
 * trace cache and the EPCIS read model both run on it.
 */
import type { EventStream, EventStreamOptions, Ledger } from '../../../ledger/src';
import { decodeEvent, type TraceEvent } from './events';

/** What a read model does with the stream. */
export interface FollowHandlers {
  /** Apply one event of `block`; the height advances once this resolves. */
  apply(event: TraceEvent | undefined, block: bigint): Promise<void> | void;
  /** The ledger closed the stream (it is shutting down). */
  ended?(): Promise<void> | void;
  /** The stream failed, or an event could not be decoded or applied. */
  failed(error: unknown): void;
}

export class EventFollower {
  private stream: EventStream | undefined;
  private waiters: { block: bigint; resolve: () => void }[] = [];

  /** @param applied the last block already applied (-1 before any). */
  constructor(private applied = -1n) {}

  /** The last block applied (-1 before any). */
  get height(): bigint {
    return this.applied;
  }

  /** Resolves once the stream is open; events are then applied in the background, in order. */
  async follow(
    ledger: Ledger,
    options: EventStreamOptions | undefined,
    handlers: FollowHandlers,
  ): Promise<void> {
    const stream = await ledger.events(options);
    this.stream = stream;
    void (async () => {
      try {
        for await (const event of stream) {
          await handlers.apply(decodeEvent(event), event.blockNumber);
          this.reached(event.blockNumber);
        }
        await handlers.ended?.();
      } catch (error) {
        handlers.failed(error);
      }
    })();
  }

  /** Resolves true once `block` is applied, false if `timeoutMs` passed first. */
  caughtUp(block: bigint, timeoutMs: number): Promise<boolean> {
    if (this.applied >= block) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        resolve(false);
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiters.push({ block, resolve: done });
    });
  }

  /** Forget the height (after a failure nothing counts as applied). */
  reset(height: bigint): void {
    this.applied = height;
  }

  /** Stop following; waiting callers are released. */
  close(): void {
    this.stream?.close();
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  private reached(block: bigint): void {
    this.applied = block;
    const ready = this.waiters.filter((w) => w.block <= block);
    this.waiters = this.waiters.filter((w) => w.block > block);
    for (const w of ready) w.resolve();
  }
}
