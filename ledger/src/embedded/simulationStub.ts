/**
 * The ChaincodeStub a contract sees: Fabric's transaction simulator over the embedded world state. Reads come from
 * committed state and are recorded with their versions; writes are buffered in the write set and are NOT visible
 * to later reads of the same transaction (Fabric does not read its own writes).
 */
import type {
  ChaincodeProposal,
  ChaincodeResponse,
  ChaincodeStub,
  Iterators,
  SerializedIdentity,
  SplitCompositekey,
  StateQueryResponse,
  Timestamp,
} from 'fabric-shim';
import Long from 'long';
import { createHash } from 'node:crypto';
import {
  assertSimpleKey,
  createCompositeKey,
  EMPTY_KEY_SUBSTITUTE,
  MAX_UNICODE_RUNE,
  splitCompositeKey,
} from './compositeKey';
import { readHistory } from './historyIndex';
import { asyncIterablePage, asyncIterablePromise, QueryIterator } from './queryIterators';
import type { KeyRead, KeyWrite, PrivateRead, PrivateWrite, RangeRead, ReadWriteSet, Version } from './rwset';
import type { WorldState } from './worldState';

/** The proposal-level facts a simulation runs under. */
export interface TxContext {
  readonly txId: string;
  readonly channelId: string;
  readonly chaincodeName: string;
  readonly creator: SerializedIdentity;
  readonly seconds: number;
  readonly nanos: number;
  readonly fn: string;
  readonly args: readonly string[];
  readonly transient: ReadonlyMap<string, Uint8Array>;
}

/** The chaincode event set by a transaction (the last `setEvent` wins, as in Fabric). */
export interface TxEvent {
  readonly name: string;
  readonly payload: Uint8Array;
}

type KV = Iterators.KV;
type Page = StateQueryResponse<Iterators.StateQueryIterator>;
const EMPTY = Buffer.alloc(0);

function notSupported(what: string): never {
  throw new Error(`${what} is not supported by the embedded ledger`);
}

function checkCollection(collection: string): void {
  if (typeof collection !== 'string' || collection.length === 0)
    throw new Error('collection must be a valid string');
}

export class SimulationStub implements ChaincodeStub {
  private readonly reads = new Map<string, Version | null>();
  private readonly ranges: RangeRead[] = [];
  private readonly writes = new Map<string, Uint8Array | null>();
  private readonly privateReads = new Map<string, PrivateRead>();
  private readonly privateWrites = new Map<string, PrivateWrite>();
  private paginated = false;
  private event: TxEvent | undefined;

  constructor(
    private readonly state: WorldState,
    private readonly tx: TxContext,
  ) {}

  /** The read/write set, writes and private writes in key order (Fabric sorts the rwset deterministically). */
  rwset(): ReadWriteSet {
    const reads: KeyRead[] = [...this.reads].map(([key, version]) => ({ key, version }));
    const writes: KeyWrite[] = [...this.writes].map(([key, value]) => ({ key, value }));
    return {
      reads,
      ranges: this.ranges,
      writes,
      privateReads: [...this.privateReads.values()],
      privateWrites: [...this.privateWrites.values()],
    };
  }

  chaincodeEvent(): TxEvent | undefined {
    return this.event;
  }

  getArgs(): string[] {
    return [this.tx.fn, ...this.tx.args];
  }
  getStringArgs(): string[] {
    return this.getArgs();
  }
  getFunctionAndParameters(): { params: string[]; fcn: string } {
    return { fcn: this.tx.fn, params: [...this.tx.args] };
  }
  getTxID(): string {
    return this.tx.txId;
  }
  getChannelID(): string {
    return this.tx.channelId;
  }
  getCreator(): SerializedIdentity {
    return this.tx.creator;
  }
  getMspID(): string {
    // On a peer this is the peer's own MSP; the embedded ledger is one peer per organisation at once, so it
    // answers with the creator's organisation (the one that would endorse for it).
    return this.tx.creator.mspid;
  }
  getTransient(): Map<string, Uint8Array> {
    return new Map(this.tx.transient);
  }
  getSignedProposal(): ChaincodeProposal.SignedProposal {
    return notSupported('getSignedProposal');
  }
  getTxTimestamp(): Timestamp {
    return { seconds: Long.fromNumber(this.tx.seconds), nanos: this.tx.nanos };
  }
  getDateTimestamp(): Date {
    return new Date(this.tx.seconds * 1000 + Math.round(this.tx.nanos / 1_000_000));
  }
  getBinding(): string {
    return notSupported('getBinding');
  }

  getState(key: string): Promise<Uint8Array> {
    const found = this.state.get(key);
    if (!this.reads.has(key)) this.reads.set(key, found?.version ?? null);
    return Promise.resolve(found ? Buffer.from(found.value) : EMPTY);
  }

  putState(key: string, value: Uint8Array): Promise<void> {
    this.checkWritable(key);
    this.writes.set(key, Buffer.from(value));
    return Promise.resolve();
  }

  deleteState(key: string): Promise<void> {
    this.checkWritable(key);
    this.writes.set(key, null);
    return Promise.resolve();
  }

  setStateValidationParameter(): Promise<void> {
    return Promise.reject(new Error('state-based endorsement is not supported by the embedded ledger'));
  }
  getStateValidationParameter(): Promise<Uint8Array> {
    return Promise.reject(new Error('state-based endorsement is not supported by the embedded ledger'));
  }

  getStateByRange(
    startKey: string,
    endKey: string,
  ): Promise<Iterators.StateQueryIterator> & AsyncIterable<KV> {
    const start = startKey || EMPTY_KEY_SUBSTITUTE;
    try {
      assertSimpleKey(start);
      assertSimpleKey(endKey);
    } catch (err) {
      return asyncIterablePromise<KV, Iterators.StateQueryIterator>(
        Promise.reject(err instanceof Error ? err : new Error(String(err))),
      );
    }
    return asyncIterablePromise<KV, Iterators.StateQueryIterator>(
      Promise.resolve(this.recordedRange(start, endKey)),
    );
  }

  getStateByRangeWithPagination(
    startKey: string,
    endKey: string,
    pageSize: number,
    bookmark?: string,
  ): Promise<Page> & AsyncIterable<KV> {
    const start = startKey || EMPTY_KEY_SUBSTITUTE;
    try {
      assertSimpleKey(start);
      assertSimpleKey(endKey);
    } catch (err) {
      return asyncIterablePage<KV, Iterators.StateQueryIterator>(
        Promise.reject(err instanceof Error ? err : new Error(String(err))),
      );
    }
    return asyncIterablePage<KV, Iterators.StateQueryIterator>(this.page(start, endKey, pageSize, bookmark));
  }

  getStateByPartialCompositeKey(
    objectType: string,
    attributes: string[],
  ): Promise<Iterators.StateQueryIterator> & AsyncIterable<KV> {
    const start = createCompositeKey(objectType, attributes);
    return asyncIterablePromise<KV, Iterators.StateQueryIterator>(
      Promise.resolve(this.recordedRange(start, start + MAX_UNICODE_RUNE)),
    );
  }

  getStateByPartialCompositeKeyWithPagination(
    objectType: string,
    attributes: string[],
    pageSize: number,
    bookmark?: string,
  ): Promise<Page> & AsyncIterable<KV> {
    const start = createCompositeKey(objectType, attributes);
    return asyncIterablePage<KV, Iterators.StateQueryIterator>(
      this.page(start, start + MAX_UNICODE_RUNE, pageSize, bookmark),
    );
  }

  getQueryResult(): Promise<Iterators.StateQueryIterator> & AsyncIterable<KV> {
    // Fabric's LevelDB state database has no rich queries either.
    return asyncIterablePromise<KV, Iterators.StateQueryIterator>(
      Promise.reject(new Error('ExecuteQuery not supported for leveldb')),
    );
  }
  getQueryResultWithPagination(): Promise<Page> & AsyncIterable<KV> {
    return asyncIterablePage<KV, Iterators.StateQueryIterator>(
      Promise.reject(new Error('ExecuteQuery not supported for leveldb')),
    );
  }

  getHistoryForKey(
    key: string,
  ): Promise<Iterators.HistoryQueryIterator> & AsyncIterable<Iterators.KeyModification> {
    const it = new QueryIterator(readHistory(this.state.db, key));
    return asyncIterablePromise<Iterators.KeyModification, Iterators.HistoryQueryIterator>(
      Promise.resolve(it),
    );
  }

  invokeChaincode(): Promise<ChaincodeResponse> {
    return Promise.reject(new Error('invokeChaincode is not supported by the embedded ledger'));
  }

  setEvent(name: string, payload: Uint8Array): void {
    if (typeof name !== 'string' || name === '') throw new Error('Event name must be a non-empty string');
    this.event = { name, payload: Buffer.from(payload) };
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    return createCompositeKey(objectType, attributes);
  }
  splitCompositeKey(compositeKey: string): SplitCompositekey {
    return splitCompositeKey(compositeKey) as SplitCompositekey;
  }

  getPrivateData(collection: string, key: string): Promise<Uint8Array> {
    checkCollection(collection);
    const found = this.state.getPrivate(collection, key);
    const id = `${collection}\u0000${key}`;
    if (!this.privateReads.has(id))
      this.privateReads.set(id, { collection, key, version: found?.version ?? null });
    return Promise.resolve(found ? Buffer.from(found.value) : EMPTY);
  }
  getPrivateDataHash(collection: string, key: string): Promise<Uint8Array> {
    checkCollection(collection);
    const found = this.state.getPrivate(collection, key);
    return Promise.resolve(found ? Buffer.from(found.hash) : EMPTY);
  }
  putPrivateData(collection: string, key: string, value: Uint8Array): Promise<void> {
    checkCollection(collection);
    this.checkWritable(key);
    this.privateWrites.set(`${collection}\u0000${key}`, { collection, key, value: Buffer.from(value) });
    return Promise.resolve();
  }
  deletePrivateData(collection: string, key: string): Promise<void> {
    checkCollection(collection);
    this.checkWritable(key);
    this.privateWrites.set(`${collection}\u0000${key}`, { collection, key, value: null });
    return Promise.resolve();
  }
  purgePrivateData(): Promise<void> {
    return Promise.reject(new Error('purgePrivateData is not supported by the embedded ledger'));
  }
  setPrivateDataValidationParameter(): Promise<void> {
    return Promise.reject(new Error('state-based endorsement is not supported by the embedded ledger'));
  }
  getPrivateDataValidationParameter(): Promise<Uint8Array> {
    return Promise.reject(new Error('state-based endorsement is not supported by the embedded ledger'));
  }
  getPrivateDataByRange(
    collection: string,
    startKey: string,
    endKey: string,
  ): Promise<Iterators.StateQueryIterator> & AsyncIterable<KV> {
    checkCollection(collection);
    const ns = this.tx.chaincodeName;
    const source = (async function* map(state: WorldState): AsyncGenerator<KV> {
      for await (const e of state.privateRange(collection, startKey, endKey))
        yield { namespace: ns, key: e.key, value: Buffer.from(e.value) };
    })(this.state);
    // fabric-shim's private range queries resolve to the handler's `{ iterator }`, not to the iterator its types
    // promise (its getStateBy* unwrap it, these do not); for-await works on both. Resolving the same here keeps a
    // contract that awaits and calls next() failing on the embedded ledger as it does on Fabric.
    const response = Promise.resolve({ iterator: new QueryIterator(source) });
    return asyncIterablePage<KV, Iterators.StateQueryIterator>(
      response as unknown as Promise<{ iterator: QueryIterator<KV>; metadata: Page['metadata'] }>,
    ) as unknown as Promise<Iterators.StateQueryIterator> & AsyncIterable<KV>;
  }
  getPrivateDataByPartialCompositeKey(
    collection: string,
    objectType: string,
    attributes: string[],
  ): Promise<Iterators.StateQueryIterator> & AsyncIterable<KV> {
    const start = createCompositeKey(objectType, attributes);
    return this.getPrivateDataByRange(collection, start, start + MAX_UNICODE_RUNE);
  }
  getPrivateDataQueryResult(): Promise<Iterators.StateQueryIterator> & AsyncIterable<KV> {
    return asyncIterablePromise<KV, Iterators.StateQueryIterator>(
      Promise.reject(new Error('ExecuteQuery not supported for leveldb')),
    );
  }

  private checkWritable(key: string): void {
    if (typeof key !== 'string' || key === '') throw new Error('key must not be an empty string');
    if (this.paginated) {
      // Fabric's simulator: paginated queries are for read-only transactions.
      throw new Error(
        `txid [${this.tx.txId}]: Transaction has already performed a paginated query. Writes are not allowed`,
      );
    }
  }

  /** A range iterator whose consumed items are recorded for the phantom check at commit. */
  private recordedRange(startKey: string, endKey: string): Iterators.StateQueryIterator {
    const range: RangeRead = { startKey, endKey, exhausted: false, reads: [] };
    this.ranges.push(range);
    const ns = this.tx.chaincodeName;
    const source = (async function* map(state: WorldState): AsyncGenerator<KV> {
      for await (const e of state.range(startKey, endKey)) {
        range.reads.push({ key: e.key, version: e.version });
        yield { namespace: ns, key: e.key, value: Buffer.from(e.value) };
      }
    })(this.state);
    return new QueryIterator(source, () => {
      range.exhausted = true;
    });
  }

  /** One page: up to `pageSize` entries from the bookmark (the next key) or the start; bookmark '' when done. */
  private async page(startKey: string, endKey: string, pageSize: number, bookmark?: string): Promise<Page> {
    this.paginated = true;
    const from = bookmark !== undefined && bookmark !== '' ? bookmark : startKey;
    const items: KV[] = [];
    let next = '';
    for await (const e of this.state.range(from, endKey, pageSize + 1)) {
      if (items.length === pageSize) {
        next = e.key;
        break;
      }
      items.push({ namespace: this.tx.chaincodeName, key: e.key, value: Buffer.from(e.value) });
    }
    const source = (async function* list(): AsyncGenerator<KV> {
      for (const item of items) yield await Promise.resolve(item);
    })();
    const iterator = new QueryIterator(source);
    // fabric-shim leaves `metadata` out when the peer's QueryResponseMetadata is empty (nothing fetched and no
    // bookmark: a proto3 message of zero bytes), whatever its types say.
    if (items.length === 0 && next === '') return { iterator } as unknown as Page;
    return { iterator, metadata: { fetchedRecordsCount: items.length, bookmark: next } };
  }
}

/** SHA-256, as Fabric hashes private keys and values for the block. */
export function sha256(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(data).digest();
}
