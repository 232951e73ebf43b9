/**
 * Iterators shaped like fabric-shim's: `next()` → `{ value, done }`, `close()`, and the promise returned by the
 * stub is itself async-iterable (fabric-shim's `convertToAsyncIterator`), so contracts may write either
 * `const it = await stub.getStateByRange(a, b)` or `for await (const kv of stub.getStateByRange(a, b))`.
 */
import type { Iterators } from 'fabric-shim';

/** A fabric-shim style iterator over an async source; `onItem` sees each item as it is consumed. */
export class QueryIterator<T> implements Iterators.CommonIterator<T> {
  private closed = false;

  constructor(
    private readonly source: AsyncGenerator<T>,
    private readonly onDone: () => void = () => undefined,
  ) {}

  async next(): Promise<Iterators.NextResult<T>> {
    if (this.closed) return { done: true, value: undefined as unknown as T };
    const r = await this.source.next();
    if (r.done === true) {
      this.closed = true;
      this.onDone();
      return { done: true, value: undefined as unknown as T };
    }
    return { done: false, value: r.value };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.source.return(undefined);
  }
}

/** Make the promise of an iterator also async-iterable over its items, closing the iterator at the end. */
export function asyncIterablePromise<T, I extends Iterators.CommonIterator<T>>(
  promise: Promise<I>,
): Promise<I> & AsyncIterable<T> {
  const iterable = promise as Promise<I> & AsyncIterable<T>;
  iterable[Symbol.asyncIterator] = async function* iterate(): AsyncGenerator<T> {
    const it = await promise;
    try {
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      await it.close();
    }
  };
  return iterable;
}

/** Same, for a paginated response whose `iterator` holds the items. */
export function asyncIterablePage<T, I extends Iterators.CommonIterator<T>>(
  promise: Promise<{ iterator: I; metadata: { fetchedRecordsCount: number; bookmark: string } }>,
): Promise<{ iterator: I; metadata: { fetchedRecordsCount: number; bookmark: string } }> & AsyncIterable<T> {
  const iterable = promise as typeof promise & AsyncIterable<T>;
  iterable[Symbol.asyncIterator] = async function* iterate(): AsyncGenerator<T> {
    const { iterator } = await promise;
    try {
      for (;;) {
        const r = await iterator.next();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      await iterator.close();
    }
  };
  return iterable;
}
