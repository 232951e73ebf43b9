/**
 * Chaincode event delivery: replay from the block store from `startBlock`, then live events as blocks commit,
 * with no gap and no duplicate at the seam (the live subscription is taken before the replay's end is fixed).
 */
import type { ChaincodeEvent, EventStream } from '../ledger';

/** Reads the chaincode events of committed block `n` (valid transactions only). */
export type BlockEventReader = (n: number) => Promise<ChaincodeEvent[]>;

class Subscription implements EventStream {
  private readonly live: ChaincodeEvent[] = [];
  private wake: (() => void) | undefined;
  private closed = false;

  constructor(
    private readonly from: number,
    /** First block delivered live; earlier ones are replayed. */
    private readonly liveFrom: number,
    private readonly readBlock: BlockEventReader,
    private readonly onClose: (s: Subscription) => void,
  ) {}

  push(blockNum: number, events: readonly ChaincodeEvent[]): void {
    if (blockNum < this.from) return;
    this.live.push(...events);
    this.wake?.();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ChaincodeEvent> {
    try {
      for (let n = this.from; n < this.liveFrom && !this.closed; n++) {
        for (const e of await this.readBlock(n)) {
          if (this.closed) return;
          yield e;
        }
      }
      while (!this.closed) {
        const next = this.live.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
      }
    } finally {
      this.close();
    }
  }
}

export class EventHub {
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly readBlock: BlockEventReader) {}

  /** A stream from `startBlock` (default: the next block), given the current height. */
  subscribe(height: number, startBlock?: bigint): EventStream {
    const from = startBlock === undefined ? height : Number(startBlock);
    const s = new Subscription(from, height, this.readBlock, (x) => this.subscriptions.delete(x));
    this.subscriptions.add(s);
    return s;
  }

  /** Deliver a committed block's events to every live subscription. */
  publish(blockNum: number, events: readonly ChaincodeEvent[]): void {
    for (const s of this.subscriptions) s.push(blockNum, events);
  }

  closeAll(): void {
    for (const s of [...this.subscriptions]) s.close();
  }
}
