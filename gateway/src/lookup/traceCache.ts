/**
 * The read model behind public lookups: trace views computed by the chaincode's own `Trace` query (never a
 * second implementation of the walk), cached per subject and invalidated by the ledger's chaincode events.
 * An entry is dropped when any node it covers (the thing, its ancestors, descendants, containers) or any of
 * its events is touched, so a lookup is a map hit and never shows a stale recall.
 */
import { ChaincodeEventName, subjectsOf, type TraceView } from '../../../chaincode/src/api';
import type { Ledger } from '../../../ledger/src';
import { EventFollower, type TraceClient, type TraceEvent } from '../client';

export interface CachedTrace {
  readonly view: TraceView;
  /** Derived renderings (public JSON, HTML) memoised per entry by the lookup routes. */
  readonly renderings: Map<string, string | Buffer>;
}

export class TraceCache {
  private readonly entries = new Map<string, CachedTrace>();
  /** node or event ID → subjects whose cached trace covers it. */
  private readonly coveredBy = new Map<string, Set<string>>();
  private generation = 0;
  /** Block height the read model has seen; lookups and tests can wait for it. */
  private readonly follower = new EventFollower();

  constructor(
    private readonly client: TraceClient,
    private readonly readerUser: string,
    private readonly maxEntries = 10_000,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached trace of `subject`, if any, without querying the ledger. */
  peek(subject: string): CachedTrace | undefined {
    return this.entries.get(subject);
  }

  async get(subject: string): Promise<CachedTrace> {
    const hit = this.entries.get(subject);
    if (hit) {
      // Refresh recency: Map iteration order is the LRU order.
      this.entries.delete(subject);
      this.entries.set(subject, hit);
      return hit;
    }
    const started = this.generation;
    const view = await this.client.trace(this.readerUser, subject);
    const entry: CachedTrace = { view, renderings: new Map() };
    // An event arrived while the query ran: serve this answer once but do not keep it.
    if (this.generation === started) this.store(view.subject, entry);
    return entry;
  }

  private store(subject: string, entry: CachedTrace): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.drop(oldest);
    }
    this.entries.set(subject, entry);
    const covered = [
      subject,
      ...entry.view.nodes.map((n) => n.id),
      ...entry.view.journey.map((e) => e.record.event.eventID),
      ...entry.view.forward.map((e) => e.record.event.eventID),
    ];
    for (const id of covered) {
      let set = this.coveredBy.get(id);
      if (!set) this.coveredBy.set(id, (set = new Set()));
      set.add(subject);
    }
  }

  private drop(subject: string): void {
    const entry = this.entries.get(subject);
    this.entries.delete(subject);
    if (!entry) return;
    for (const node of entry.view.nodes) this.coveredBy.get(node.id)?.delete(subject);
  }

  /** Drop every cached trace that covers one of `ids`. */
  invalidate(ids: Iterable<string>): void {
    this.generation++;
    for (const id of ids) {
      const subjects = this.coveredBy.get(id);
      if (!subjects) continue;
      this.coveredBy.delete(id);
      for (const subject of subjects) this.drop(subject);
    }
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.coveredBy.clear();
  }

  /** Follow the ledger's chaincode events from now on. */
  async follow(ledger: Ledger): Promise<void> {
    await this.follower.follow(ledger, undefined, {
      apply: (event) => {
        this.apply(event);
      },
      failed: (error) => {
        // Losing the event feed would serve stale recalls: stop caching rather than risk it.
        console.error('[trace-cache] event stream ended; caching disabled', error);
        this.clear();
        this.follower.reset(-1n);
      },
    });
  }

  /** Resolves once the read model has applied the events of `block` (or immediately if it has). */
  async caughtUp(block: bigint, timeoutMs = 5000): Promise<void> {
    await this.follower.caughtUp(block, timeoutMs);
  }

  private apply(event: TraceEvent | undefined): void {
    switch (event?.name) {
      case ChaincodeEventName.EventsRecorded: {
        const ids = new Set<string>();
        for (const record of event.payload.records) {
          ids.add(record.event.eventID);
          for (const id of subjectsOf(record.event, 'event').all) ids.add(id);
        }
        this.invalidate(ids);
        break;
      }
      case ChaincodeEventName.LotRecalled:
        this.invalidate([event.payload.id, event.payload.eventID]);
        break;
      case ChaincodeEventName.ErrorDeclared:
        this.invalidate([event.payload.eventID]);
        break;
      default:
        // Master data (names, origins, places) shows in many traces and changes rarely.
        this.clear();
    }
  }

  close(): void {
    this.follower.close();
  }
}
