/**
 * The durable outbox between "scan accepted" and "scan committed". A scan is acknowledged only once it is
 * fsync'd here; a worker submits entries in arrival order and retries read conflicts and ledger outages with the
 * SAME idempotency key (the chaincode keeps a receipt per key), so an acknowledged scan is never lost and a
 * retried one never counted twice — across gateway restarts too.
 */
import { ClassicLevel } from 'classic-level';
import { EndorsementError, LedgerError, ReadConflictError, type Ledger } from '../../../ledger/src';
import type { ProblemBody } from '../http/problem';
import { GroupWriter } from './groupWriter';
import { MAX_EVENTS_PER_TX, TagTx, Tx } from '../../../chaincode/src/api';
import { TraceClient, type Submitted } from '../client';

/**
 * The ledger's answer to this member, not an outage: the chaincode refused, or the network refuses the member's
 * identity (revoked at its CA, expired). Retrying the same proposal gets the same answer, and a refused identity
 * kept at the head of the queue would hold every other member's scans behind it.
 */
const isFinalRefusal = (error: unknown): boolean =>
  error instanceof EndorsementError || (error instanceof LedgerError && error.code === 'ACCESS_DENIED');

/** How a final refusal is kept on the entry: the chaincode's message, or the network's refusal of the identity. */
function refusalOf(error: unknown): Pick<OutboxEntry, 'refusal' | 'identityRefusal'> {
  if (error instanceof EndorsementError) return { refusal: error.chaincodeMessage };
  return { identityRefusal: error instanceof Error ? error.message : String(error) };
}

export type ScanState = 'pending' | 'committed' | 'failed';

export interface OutboxEntry {
  readonly seq: number;
  readonly scanId: string;
  readonly user: string;
  /** The command as stored: its transaction name, its JSON argument, private inputs base64-encoded. */
  readonly fn: string;
  readonly args: readonly string[];
  readonly transient?: Readonly<Record<string, string>>;
  readonly acceptedAt: string;
  readonly state: ScanState;
  readonly attempts: number;
  readonly txId?: string;
  readonly blockNumber?: string;
  readonly result?: unknown;
  /** Why the ledger refused a failed entry: the contract's message (`FORBIDDEN: field: reason`). */
  readonly refusal?: string;
  /** Or why the network refused the member's identity (revoked, expired): the ledger's ACCESS_DENIED message. */
  readonly identityRefusal?: string;
  /** Written by gateways that stored the HTTP problem instead of the refusal; read only. */
  readonly problem?: ProblemBody;
}

/** What the outbox keeps until the ledger has it: a scan's batch of events, or a member's NFC tap. */
export type OutboxCommand =
  | { readonly user: string; readonly recordEvents: unknown; readonly commercial?: unknown }
  | { readonly user: string; readonly recordNfcScan: unknown };

export interface OutboxOptions {
  /** Submissions (single scans or groups) in flight at once; entries are taken in arrival order. */
  readonly window?: number;
  /** Most scans of one member recorded in one transaction (1 turns grouping off). */
  readonly maxGroup?: number;
  /** Read-conflict retries before a scan is parked for the next round. */
  readonly conflictRetries?: number;
  /** Back-off after a ledger outage, doubling up to `maxBackoffMs`. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /**
   * Settled scans are forgotten after this long (checked at open). A retry arriving later still counts once:
   * the chaincode keeps the receipt of every idempotency key and answers the retry from it.
   */
  readonly retentionMs?: number;
}

const seqKey = (seq: number): string => `e!${seq.toString().padStart(16, '0')}`;
const idKey = (scanId: string): string => `k!${scanId}`;

export class Outbox {
  private readonly writer: GroupWriter;
  private readonly pending: OutboxEntry[] = [];
  private readonly bySeq = new Map<number, OutboxEntry>();
  private readonly waiters = new Map<string, ((e: OutboxEntry) => void)[]>();
  private nextSeq = 1;
  private inFlight = 0;
  /** Scans inside the submissions in flight (a group holds many). */
  private inFlightEntries = 0;
  private backoff = 0;
  private timer: NodeJS.Timeout | undefined;
  private pumpScheduled = false;
  private closed = false;

  private constructor(
    private readonly db: ClassicLevel,
    private readonly client: TraceClient,
    private readonly options: Required<OutboxOptions>,
  ) {
    this.writer = new GroupWriter(db);
  }

  static async open(dir: string, ledger: Ledger, options: OutboxOptions = {}): Promise<Outbox> {
    const db = new ClassicLevel<string, string>(dir, { valueEncoding: 'utf8' });
    await db.open();
    const outbox = new Outbox(db, new TraceClient(ledger), {
      window: options.window ?? 16,
      maxGroup: options.maxGroup ?? 200,
      conflictRetries: options.conflictRetries ?? 5,
      backoffMs: options.backoffMs ?? 200,
      maxBackoffMs: options.maxBackoffMs ?? 5000,
      retentionMs: options.retentionMs ?? 7 * 24 * 3600 * 1000,
    });
    const cutoff = Date.now() - outbox.options.retentionMs;
    const stale: string[] = [];
    for await (const [, value] of db.iterator({ gte: 'e!', lt: 'e~' })) {
      const entry = JSON.parse(value) as OutboxEntry;
      outbox.nextSeq = entry.seq + 1;
      if (entry.state === 'pending') {
        outbox.pending.push(entry);
        outbox.bySeq.set(entry.seq, entry);
      } else if (Date.parse(entry.acceptedAt) < cutoff) {
        stale.push(seqKey(entry.seq), idKey(entry.scanId));
      }
    }
    if (stale.length > 0) await db.batch(stale.map((key) => ({ type: 'del' as const, key })));
    outbox.pump();
    return outbox;
  }

  /** Entries not yet committed or failed. */
  get backlog(): number {
    // Scans, not submissions: counting a group of 50 in flight as 1 made /healthz show a backlog of 4 while 46
    // acknowledged scans waited out a loss of orderer quorum (found by the Fabric fault suite).
    return this.pending.length + this.inFlightEntries;
  }

  async get(scanId: string): Promise<OutboxEntry | undefined> {
    const seq = await this.db.get(idKey(scanId));
    if (seq === undefined) return undefined;
    const live = this.bySeq.get(Number(seq));
    if (live) return live;
    const value = await this.db.get(seqKey(Number(seq)));
    return value === undefined ? undefined : (JSON.parse(value) as OutboxEntry);
  }

  /**
   * Durably accept a command under `scanId`. If the id was seen before, nothing is added and the existing
   * entry is returned (`duplicate: true`).
   */
  async accept(scanId: string, command: OutboxCommand): Promise<{ entry: OutboxEntry; duplicate: boolean }> {
    if (this.closed) throw new LedgerError('LEDGER_CLOSED', 'outbox is closed');
    const existing = await this.get(scanId);
    if (existing) return { entry: existing, duplicate: true };
    const reserved = this.writer.reserved<OutboxEntry>(idKey(scanId));
    if (reserved !== undefined)
      return { entry: (await this.get(scanId)) ?? (await reserved), duplicate: true };
    const entry: OutboxEntry = {
      seq: this.nextSeq++,
      scanId,
      ...stored(command),
      acceptedAt: new Date().toISOString(),
      state: 'pending',
      attempts: 0,
    };
    await this.writer.write(
      idKey(scanId),
      [
        { key: seqKey(entry.seq), value: JSON.stringify(entry) },
        { key: idKey(scanId), value: String(entry.seq) },
      ],
      entry,
    );
    this.bySeq.set(entry.seq, entry);
    this.pending.push(entry);
    this.pump();
    return { entry, duplicate: false };
  }

  /** Resolves when the entry is committed or failed, or with the pending entry after `timeoutMs`. */
  async settled(scanId: string, timeoutMs: number): Promise<OutboxEntry | undefined> {
    const now = await this.get(scanId);
    if (!now || now.state !== 'pending' || timeoutMs === 0) return now;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const list = this.waiters.get(scanId) ?? [];
        this.waiters.set(
          scanId,
          list.filter((w) => w !== done),
        );
        resolve(this.bySeq.get(now.seq) ?? now);
      }, timeoutMs);
      const done = (e: OutboxEntry): void => {
        clearTimeout(timer);
        resolve(e);
      };
      this.waiters.set(scanId, [...(this.waiters.get(scanId) ?? []), done]);
    });
  }

  /** Coalesced: scans accepted together (one fsync) are taken together, so they can share a transaction. */
  private pump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.drainPending();
    });
  }

  private drainPending(): void {
    if (this.closed || this.timer !== undefined) return;
    while (this.inFlight < this.options.window && this.pending.length > 0) {
      const group = takeGroup(this.pending, this.options.maxGroup);
      this.inFlight++;
      this.inFlightEntries += group.entries.length;
      void (group.entries.length === 1 ? this.submit(group.entries[0]!) : this.submitGroup(group)).finally(
        () => {
          this.inFlight--;
          this.inFlightEntries -= group.entries.length;
          this.pump();
        },
      );
    }
  }

  /**
   * Consecutive scans of one member recorded in one RecordScans transaction: the per-transaction cost (sign,
   * endorse, order, validate, fsync) is paid once, each scan keeps its own receipt and its own outcome.
   */
  private async submitGroup({ entries: group, scans }: ScanGroup): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.client.recordScans(group[0]!.user, scans);
        this.backoff = 0;
        const outcomes = result.value;
        await Promise.all(
          group.map((entry, i) => {
            const outcome = outcomes[i];
            const attempts = entry.attempts + attempt;
            if (outcome && 'receipt' in outcome) {
              return this.finish(entry, {
                state: 'committed',
                attempts,
                txId: result.txId,
                blockNumber: result.blockNumber.toString(),
                result: outcome.receipt,
              });
            }
            const refusal = outcome?.error ?? 'INTERNAL: no outcome for this scan';
            return this.finish(entry, { state: 'failed', attempts, refusal });
          }),
        );
        return;
      } catch (error) {
        if (error instanceof ReadConflictError && attempt <= this.options.conflictRetries) continue;
        if (isFinalRefusal(error)) {
          // The group as a whole was refused (not one scan): let each scan get its own answer.
          await Promise.all(group.map((entry) => this.submit(entry)));
          return;
        }
        this.pending.unshift(...group.map((e) => ({ ...e, attempts: e.attempts + attempt })));
        this.pauseAfterOutage();
        return;
      }
    }
  }

  private async submit(entry: OutboxEntry): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.submitted(entry);
        this.backoff = 0;
        await this.finish(entry, {
          state: 'committed',
          attempts: entry.attempts + attempt,
          txId: result.txId,
          blockNumber: result.blockNumber.toString(),
          result: result.value,
        });
        return;
      } catch (error) {
        if (error instanceof ReadConflictError && attempt <= this.options.conflictRetries) continue;
        if (isFinalRefusal(error)) {
          await this.finish(entry, {
            state: 'failed',
            attempts: entry.attempts + attempt,
            ...refusalOf(error),
          });
          return;
        }
        // Outage, closed ledger or conflicts that keep coming: keep the entry, retry it first, back off.
        this.pending.unshift({ ...entry, attempts: entry.attempts + attempt });
        this.pauseAfterOutage();
        return;
      }
    }
  }

  /** The entry's command, through the typed client. */
  private submitted(entry: OutboxEntry): Promise<Submitted<unknown>> {
    const arg: unknown = JSON.parse(entry.args[0] ?? 'null');
    if (entry.fn === Tx.RecordEvents) {
      const commercial = entry.transient?.commercial;
      const decoded: unknown =
        commercial === undefined ? undefined : JSON.parse(Buffer.from(commercial, 'base64').toString('utf8'));
      return this.client.recordEvents(entry.user, arg, decoded);
    }
    if (entry.fn === TagTx.RecordNfcScan) return this.client.recordNfcScan(entry.user, arg);
    return Promise.reject(new EndorsementError(`INVALID_ARGUMENT: fn: ${entry.fn} is not an outbox command`));
  }

  private pauseAfterOutage(): void {
    if (this.closed || this.timer !== undefined) return;
    this.backoff = Math.min(
      this.options.maxBackoffMs,
      this.backoff === 0 ? this.options.backoffMs : this.backoff * 2,
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drainPending();
    }, this.backoff);
  }

  private async finish(entry: OutboxEntry, outcome: Partial<OutboxEntry>): Promise<void> {
    // Private (transient) inputs are not kept once the ledger has them, or has refused them.
    const { transient: _transient, ...settled } = entry;
    const done: OutboxEntry = { ...settled, ...outcome };
    // No fsync: the ledger already holds the outcome durably. If this write is lost in a crash, the entry is
    // submitted again on start and the chaincode answers from its receipt for the same idempotency key.
    await this.writer.write(undefined, [{ key: seqKey(done.seq), value: JSON.stringify(done) }], done, false);
    this.bySeq.delete(done.seq);
    for (const waiter of this.waiters.get(done.scanId) ?? []) waiter(done);
    this.waiters.delete(done.scanId);
  }

  /** Stop submitting; entries still pending stay on disk for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 10));
    await this.writer.flush();
    await this.db.close();
  }
}

/** The stored form of a command (the same on disk as when the outbox kept raw proposals). */
function stored(command: OutboxCommand): Pick<OutboxEntry, 'user' | 'fn' | 'args' | 'transient'> {
  if ('recordNfcScan' in command) {
    return { user: command.user, fn: TagTx.RecordNfcScan, args: [JSON.stringify(command.recordNfcScan)] };
  }
  const commercial =
    command.commercial === undefined ? undefined : Buffer.from(JSON.stringify(command.commercial));
  return {
    user: command.user,
    fn: Tx.RecordEvents,
    args: [JSON.stringify(command.recordEvents)],
    ...(commercial ? { transient: { commercial: commercial.toString('base64') } } : {}),
  };
}

/** A single RecordEvents scan with no private (transient) data can share a transaction with others. */
function groupable(entry: OutboxEntry): boolean {
  return entry.fn === Tx.RecordEvents && entry.transient === undefined;
}

/** A run of consecutive entries taken together, with the scan batches of a group already parsed once. */
interface ScanGroup {
  readonly entries: readonly OutboxEntry[];
  readonly scans: readonly { readonly events: readonly unknown[] }[];
}

const scanOf = (entry: OutboxEntry): ScanGroup['scans'][number] =>
  JSON.parse(entry.args[0]!) as ScanGroup['scans'][number];

/** Take the next submission from the head of `pending`: one entry, or a run of groupable scans of one member. */
function takeGroup(pending: OutboxEntry[], maxGroup: number): ScanGroup {
  const first = pending.shift()!;
  if (!groupable(first) || maxGroup <= 1) return { entries: [first], scans: [] };
  const entries = [first];
  const scans = [scanOf(first)];
  let events = scans[0]!.events.length;
  while (entries.length < maxGroup && pending.length > 0) {
    const next = pending[0]!;
    if (!groupable(next) || next.user !== first.user) break;
    const scan = scanOf(next);
    if (events + scan.events.length > MAX_EVENTS_PER_TX) break;
    events += scan.events.length;
    entries.push(pending.shift()!);
    scans.push(scan);
  }
  return { entries, scans };
}
