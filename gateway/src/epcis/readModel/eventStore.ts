/**
 * The EPCIS query read model: every recorded event in LevelDB (classic-level) with one secondary index per
 * query parameter, so a query reads index entries rather than the ledger, and stays fast as the ledger grows.
 *
 * Key layout: see keys.ts. The checkpoint is written in the same batch as the data it covers, so a crash
 * never leaves an index ahead of or behind its checkpoint.
 */
import { ClassicLevel } from 'classic-level';
import type { ErrorDeclaration, EventRecord } from '../../../../chaincode/src/api';
import {
  CHECKPOINT_KEY,
  docKey,
  eventTimeKey,
  idKey,
  metaKey,
  postingKey,
  recordTimeKey,
  seqText,
  type StoredDoc,
} from './keys';
import { postingsOf, sortableInstant } from './postings';
import { planQuery, type EventQuery, type QueryPage } from './queryPlan';

type Json = Record<string, unknown>;

export interface Checkpoint {
  /** Last ledger block whose chaincode events were applied (inclusive). */
  readonly block: bigint;
  readonly nextSeq: number;
}

type BatchOp = { type: 'put'; key: string; value: string } | { type: 'del'; key: string };

export class EpcisEventStore {
  private constructor(
    readonly db: ClassicLevel,
    private cp: Checkpoint | undefined,
  ) {}

  /** Opens (creating if needed) the store in `dir`. */
  static async open(dir: string): Promise<EpcisEventStore> {
    const db = new ClassicLevel<string, string>(dir, { keyEncoding: 'utf8', valueEncoding: 'utf8' });
    await db.open();
    const raw = await db.get(CHECKPOINT_KEY);
    const cp = raw === undefined ? undefined : (JSON.parse(raw) as { block: string; nextSeq: number });
    return new EpcisEventStore(db, cp && { block: BigInt(cp.block), nextSeq: cp.nextSeq });
  }

  /** Undefined when nothing was ever applied: the read model must be rebuilt from block 0. */
  get checkpoint(): Checkpoint | undefined {
    return this.cp;
  }

  private checkpointOp(at: bigint, nextSeq: number): BatchOp {
    // Never moves back: a late write for an older block (a capture's error declaration) keeps the newer one.
    const block = this.cp !== undefined && this.cp.block > at ? this.cp.block : at;
    this.cp = { block, nextSeq };
    return { type: 'put', key: CHECKPOINT_KEY, value: JSON.stringify({ block: block.toString(), nextSeq }) };
  }

  /**
   * Adds the records of one transaction (the EventsRecorded payload) in one batch with the checkpoint.
   * Idempotent: an eventID already stored is skipped, so replaying a block after a crash changes nothing.
   *
   * @returns how many events were new.
   */
  async applyRecords(records: readonly EventRecord[], block: bigint): Promise<number> {
    const known =
      records.length === 0 ? [] : await this.db.getMany(records.map((r) => idKey(r.event.eventID)));
    const ops: BatchOp[] = [];
    let seq = this.cp?.nextSeq ?? 1;
    let added = 0;
    records.forEach((record, i) => {
      if (known[i] !== undefined) return;
      const ev = record.event as unknown as Json;
      const s = seqText(seq++);
      const doc: StoredDoc = {
        k: postingsOf(ev),
        t: sortableInstant(record.event.eventTime),
        r: sortableInstant(record.event.recordTime),
        ev,
      };
      ops.push({ type: 'put', key: docKey(s), value: JSON.stringify(doc) });
      ops.push({ type: 'put', key: idKey(record.event.eventID), value: s });
      for (const p of doc.k) ops.push({ type: 'put', key: postingKey(p, doc.t, s), value: '' });
      ops.push({ type: 'put', key: eventTimeKey(doc.t, s), value: '' });
      ops.push({ type: 'put', key: recordTimeKey(doc.r, s), value: '' });
      added++;
    });
    ops.push(this.checkpointOp(block, seq));
    await this.db.batch(ops);
    return added;
  }

  /** Attaches a ledger error declaration (CBV 2.0 §7.5) to the event it declares, in EPCIS form. */
  async applyErrorDeclaration(declaration: ErrorDeclaration, block: bigint): Promise<void> {
    const ops: BatchOp[] = [];
    const seq = await this.db.get(idKey(declaration.eventID));
    const raw = seq === undefined ? undefined : await this.db.get(docKey(seq));
    if (seq !== undefined && raw !== undefined) {
      const doc = JSON.parse(raw) as StoredDoc;
      const errorDeclaration = {
        declarationTime: declaration.declarationTime,
        reason: declaration.reason,
        ...(declaration.correctiveEventIDs.length > 0
          ? { correctiveEventIDs: declaration.correctiveEventIDs }
          : {}),
      };
      ops.push({
        type: 'put',
        key: docKey(seq),
        value: JSON.stringify({ ...doc, ev: { ...doc.ev, errorDeclaration } }),
      });
    }
    ops.push(this.checkpointOp(block, this.cp?.nextSeq ?? 1));
    await this.db.batch(ops);
  }

  /** Moves the checkpoint past a block whose events concern something else (master data, recalls). */
  async advance(block: bigint): Promise<void> {
    if (this.cp !== undefined && this.cp.block >= block) return;
    await this.db.batch([this.checkpointOp(block, this.cp?.nextSeq ?? 1)]);
  }

  async has(eventID: string): Promise<boolean> {
    return (await this.db.get(idKey(eventID))) !== undefined;
  }

  /** The event with this eventID, as recorded, or undefined. */
  async get(eventID: string): Promise<Json | undefined> {
    const seq = await this.db.get(idKey(eventID));
    const raw = seq === undefined ? undefined : await this.db.get(docKey(seq));
    return raw === undefined ? undefined : (JSON.parse(raw) as StoredDoc).ev;
  }

  /** One page of events matching `query`, in index order, resuming after `pageToken`. */
  async query(query: EventQuery, perPage: number, pageToken?: string): Promise<QueryPage> {
    return planQuery(this.db, query, perPage, pageToken);
  }

  /** A put with the store's own key space, for records that live beside the events (capture jobs). */
  async putMeta(key: string, value: unknown): Promise<void> {
    await this.db.put(metaKey(key), JSON.stringify(value));
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    const raw = await this.db.get(metaKey(key));
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
