/**
 * Group commit for the outbox: writes requested in the same moment share one synchronous LevelDB batch, so
 * a burst of scans costs one fsync instead of one each, and no write is acknowledged before it is on disk.
 */
import type { ClassicLevel } from 'classic-level';

interface Op {
  readonly key: string;
  readonly value: string;
}

interface Waiting<T> {
  readonly ops: readonly Op[];
  readonly sync: boolean;
  readonly reservation: string | undefined;
  readonly value: T;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export class GroupWriter {
  private queue: Waiting<unknown>[] = [];
  private running: Promise<void> | undefined;
  private readonly reservations = new Map<string, Promise<unknown>>();

  constructor(private readonly db: ClassicLevel) {}

  /** A write queued under `reservation` that has not reached disk yet, if any. */
  reserved<T>(reservation: string): Promise<T> | undefined {
    return this.reservations.get(reservation) as Promise<T> | undefined;
  }

  /**
   * Queue `ops`; resolves with `value` once written. `sync: false` skips the fsync for writes that may be lost
   * in a crash without harm (their batch is still fsync'd if any write sharing it needs it).
   */
  write<T>(reservation: string | undefined, ops: readonly Op[], value: T, sync = true): Promise<T> {
    const promise = new Promise<T>((resolve, reject) => {
      this.queue.push({ ops, sync, reservation, value, resolve: resolve, reject });
    });
    if (reservation !== undefined) this.reservations.set(reservation, promise);
    this.running ??= this.drain();
    return promise;
  }

  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // Let every request of this tick join the batch.
    await new Promise((r) => setImmediate(r));
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.db.batch(
          batch.flatMap((w) => w.ops.map((op) => ({ type: 'put' as const, key: op.key, value: op.value }))),
          { sync: batch.some((w) => w.sync) },
        );
        for (const w of batch) w.resolve(w.value);
      } catch (error) {
        for (const w of batch) w.reject(error);
      } finally {
        for (const w of batch) if (w.reservation !== undefined) this.reservations.delete(w.reservation);
      }
    }
    this.running = undefined;
  }
}
