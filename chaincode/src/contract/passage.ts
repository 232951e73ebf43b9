/**
 * Recording passage records: one transaction records a batch of EPCIS events (one scan, or one RFID portal
 * batch) atomically, stores each event once under its CBV 2.0 Event Hash ID, writes its indexes and lineage,
 * and keeps a receipt under the scan's idempotency key so a retried scan returns the first answer.
 */
import type { Context } from 'fabric-contract-api';
import { createHash } from 'crypto';
import { z } from 'zod';
import { authorize, callerOf, type Caller } from '../access/policy';
import { eventHashId } from '../epcis/eventHash';

import { ChaincodeError, invalid } from '../errors';
import { canonicalJson } from '../marshal';
import { EpcisEvent, Visibility } from '../model/epcisEvent';
import { ErrorDeclaration, EventRecord, ScanReceipt } from '../model/eventRecord';
import { lotId, parseGs1Key } from '../identifiers/gs1Keys';
import { parseJsonArg, parseWith } from '../model/parse';
import { KeyType, orgCollection } from '../state/keys';
import { Store } from '../state/store';
import { provenanceOf, sortableTime, txTime } from '../txContext';
import { actionFor, checkEventSemantics, ilmdLotNumber, indexedBizStep, subjectsOf } from './eventSemantics';

export const MAX_EVENTS_PER_TX = 1000;

export const RecordBatch = z.object({
  /** Client-given or derived from the scan; 8-200 URI-safe characters. */
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9._~:/+=-]{8,200}$/, '8-200 URI-safe characters')
    .optional(),
  events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_TX),
  visibility: Visibility.optional(),
});

const Commercial = z.array(z.record(z.string(), z.unknown()).nullable());

export interface RecordResult extends ScanReceipt {
  /** True when this idempotency key was seen before: nothing was written, the first answer is returned. */
  readonly replayed: boolean;
  readonly records: readonly EventRecord[];
  /** Error declarations made by re-capturing known events with an errorDeclaration. */
  readonly declarations: readonly ErrorDeclaration[];
}

function commercialOf(ctx: Context, count: number): (Record<string, unknown> | null)[] {
  const bytes = ctx.stub.getTransient().get('commercial');
  if (!bytes || bytes.length === 0) return [];
  const list = parseJsonArg(Commercial, Buffer.from(bytes).toString('utf8'), 'transient.commercial');
  if (list.length > count) throw invalid('transient.commercial', 'more entries than events');
  return list;
}

async function writeIndexes(store: Store, record: EventRecord, field: string): Promise<void> {
  const { event } = record;
  const id = event.eventID;
  const time = sortableTime(event.eventTime);
  const subjects = subjectsOf(event, field);
  for (const subject of subjects.all) await store.putIndex(KeyType.eventsBySubject, [subject, time, id]);
  for (const location of subjects.locations)
    await store.putIndex(KeyType.eventsByLocation, [location, time, id]);
  if (event.bizStep)
    await store.putIndex(KeyType.eventsByBizStep, [
      indexedBizStep(event.bizStep, `${field}.bizStep`),
      time,
      id,
    ]);
  for (const input of subjects.inputs) {
    for (const output of subjects.outputs) {
      await store.putIndex(KeyType.lineageBack, [output, input, id]);
      await store.putIndex(KeyType.lineageForward, [input, output, id]);
    }
  }
  // Serialised items commissioned with a lot number in ILMD belong to that lot: the lot is their ancestor.
  const lot = ilmdLotNumber(event);
  if (lot !== undefined) {
    const made = event.type === 'TransformationEvent' ? subjects.outputs : subjects.all;
    for (const subject of made) {
      const key = parseGs1Key(subject);
      if (key.kind !== 'item') continue;
      const parentLot = lotId(key.gtin, lot);
      await store.putIndex(KeyType.lineageBack, [subject, parentLot, id]);
      await store.putIndex(KeyType.lineageForward, [parentLot, subject, id]);
    }
  }
  if (subjects.parent !== undefined && event.type === 'AggregationEvent' && event.action !== 'OBSERVE') {
    for (const child of subjects.children) {
      await store.putIndex(KeyType.containment, [child, time, id], {
        action: event.action,
        parent: subjects.parent,
      });
    }
  }
}

/** A re-capture of a known event with an errorDeclaration (EPCIS 2.0 §7.4.1.2): history is never edited. */
async function declareFromCapture(
  ctx: Context,
  store: Store,
  caller: Caller,
  event: EpcisEvent,
  id: string,
): Promise<ErrorDeclaration> {
  const declaration = event.errorDeclaration!;
  return saveErrorDeclaration(ctx, store, caller, {
    eventID: id,
    declarationTime: declaration.declarationTime,
    reason: declaration.reason ?? 'incorrect_data',
    correctiveEventIDs: declaration.correctiveEventIDs ?? [],
  });
}

export async function saveErrorDeclaration(
  ctx: Context,
  store: Store,
  caller: Caller,
  input: Omit<ErrorDeclaration, 'provenance'>,
): Promise<ErrorDeclaration> {
  const original = await store.get(EventRecord, KeyType.event, [input.eventID]);
  if (!original) throw new ChaincodeError('NOT_FOUND', 'eventID', `${input.eventID} does not exist`);
  if (original.provenance.mspId !== caller.mspId && caller.role !== 'regulator') {
    throw new ChaincodeError(
      'FORBIDDEN',
      'eventID',
      'only the recording organisation or a regulator may declare an error',
    );
  }
  if (await store.exists(KeyType.errorDeclaration, [input.eventID])) {
    throw new ChaincodeError(
      'ALREADY_EXISTS',
      'eventID',
      `${input.eventID} already has an error declaration`,
    );
  }
  const declaration = parseWith(
    ErrorDeclaration,
    { ...input, provenance: provenanceOf(ctx, caller) },
    'errorDeclaration',
  );
  await store.put(KeyType.errorDeclaration, [input.eventID], declaration);
  for (const subject of subjectsOf(original.event, 'event').all)
    await store.putIndex(KeyType.errorsBySubject, [subject, input.eventID]);
  return declaration;
}

interface PreparedEvent {
  readonly event: EpcisEvent;
  readonly id: string;
  readonly field: string;
  readonly commercial: Record<string, unknown> | null | undefined;
}

interface PreparedBatch {
  readonly events: readonly PreparedEvent[];
  readonly duplicates: readonly string[];
  /** Re-captures of known events with an errorDeclaration: declared in the write phase. */
  readonly declarations: readonly { readonly event: EpcisEvent; readonly id: string }[];
}

/**
 * Everything that can refuse a batch — shape, role, EPCIS rules, bizStep, event hash — runs before anything is
 * written, so a refused scan in a group leaves no trace. `seen` spans the transaction: Fabric does not read its
 * own writes, so an event twice in one transaction must be caught here.
 */
async function prepare(
  ctx: Context,
  store: Store,
  batch: z.infer<typeof RecordBatch>,
  commercial: readonly (Record<string, unknown> | null)[],
  seen: Set<string>,
): Promise<PreparedBatch> {
  const events: PreparedEvent[] = [];
  const duplicates: string[] = [];
  const declarations: { event: EpcisEvent; id: string }[] = [];
  for (const [i, raw] of batch.events.entries()) {
    const field = `events[${i}]`;
    const event = parseWith(EpcisEvent, raw, field);
    authorize(ctx, actionFor(event));
    checkEventSemantics(event, field);
    if (event.bizStep !== undefined) indexedBizStep(event.bizStep, `${field}.bizStep`);
    const hashId = eventHashId(event);
    if (event.eventID !== undefined && event.eventID.startsWith('ni:///') && event.eventID !== hashId) {
      throw new ChaincodeError('EVENT_ID_MISMATCH', `${field}.eventID`, `expected ${hashId}`);
    }
    const id = event.eventID ?? hashId;
    if (seen.has(id) || (await store.exists(KeyType.event, [id]))) {
      if (event.errorDeclaration !== undefined && !seen.has(id)) declarations.push({ event, id });
      else duplicates.push(id);
      continue;
    }
    seen.add(id);
    events.push({ event, id, field, commercial: commercial[i] });
  }
  return { events, duplicates, declarations };
}

async function write(
  ctx: Context,
  store: Store,
  caller: Caller,
  batch: z.infer<typeof RecordBatch>,
  prepared: PreparedBatch,
): Promise<RecordResult> {
  const provenance = provenanceOf(ctx, caller);
  const recordTime = txTime(ctx);
  const records: EventRecord[] = [];
  const declarations: ErrorDeclaration[] = [];
  for (const { event, id } of prepared.declarations)
    declarations.push(await declareFromCapture(ctx, store, caller, event, id));
  for (const { event, id, field, commercial } of prepared.events) {
    const record = parseWith(
      EventRecord,
      {
        event: { ...event, eventID: id, recordTime },
        provenance,
        visibility: batch.visibility ?? 'public',
        ...(commercial ? { commercial: await saveCommercial(store, caller, id, commercial) } : {}),
      },
      field,
    );
    await store.put(KeyType.event, [id], record);
    await writeIndexes(store, record, field);
    records.push(record);
  }
  const receipt: ScanReceipt = {
    idempotencyKey: batch.idempotencyKey ?? ctx.stub.getTxID(),
    eventIDs: records.map((r) => r.event.eventID),
    duplicates: [...prepared.duplicates],
    txId: ctx.stub.getTxID(),
    recordTime,
  };
  if (batch.idempotencyKey !== undefined)
    await store.put(KeyType.scanReceipt, [batch.idempotencyKey], receipt);
  return { ...receipt, replayed: false, records, declarations };
}

async function replayed(store: Store, key: string | undefined): Promise<RecordResult | undefined> {
  if (key === undefined) return undefined;
  const receipt = await store.get(ScanReceipt, KeyType.scanReceipt, [key]);
  return receipt ? { ...receipt, replayed: true, records: [], declarations: [] } : undefined;
}

export async function recordEvents(ctx: Context, batchJson: string): Promise<RecordResult> {
  const batch = parseJsonArg(RecordBatch, batchJson, 'batch');
  const store = new Store(ctx);
  const caller = callerOf(ctx);
  const earlier = await replayed(store, batch.idempotencyKey);
  if (earlier) return earlier;
  const prepared = await prepare(ctx, store, batch, commercialOf(ctx, batch.events.length), new Set());
  return write(ctx, store, caller, batch, prepared);
}

export const MAX_SCANS_PER_TX = 500;

export const ScanGroup = z.object({
  scans: z
    .array(RecordBatch.extend({ idempotencyKey: RecordBatch.shape.idempotencyKey.unwrap() }))
    .min(1)
    .max(MAX_SCANS_PER_TX)
    .refine(
      (scans) => scans.reduce((n, s) => n + s.events.length, 0) <= MAX_EVENTS_PER_TX,
      `at most ${MAX_EVENTS_PER_TX} events in all`,
    )
    .refine(
      (scans) => new Set(scans.map((s) => s.idempotencyKey)).size === scans.length,
      'idempotency keys must differ',
    ),
});

/** One scan's answer in a group: its receipt, or the refusal that left it unrecorded. */
export type ScanOutcome =
  { readonly receipt: RecordResult } | { readonly error: string; readonly idempotencyKey: string };

/**
 * Many independent scans of one member in one transaction (application-level group commit: per-transaction
 * cost is paid once). Each scan keeps its own idempotency receipt and succeeds or fails alone; no commercial
 * details (those go one scan per transaction, with their transient data).
 */
export async function recordScans(ctx: Context, groupJson: string): Promise<ScanOutcome[]> {
  const group = parseJsonArg(ScanGroup, groupJson, 'group');
  const store = new Store(ctx);
  const caller = callerOf(ctx);
  const seen = new Set<string>();
  const outcomes: ScanOutcome[] = [];
  for (const [i, scan] of group.scans.entries()) {
    const earlier = await replayed(store, scan.idempotencyKey);
    if (earlier) {
      outcomes.push({ receipt: earlier });
      continue;
    }
    try {
      if (scan.events.some((e) => typeof e === 'object' && e !== null && 'errorDeclaration' in e)) {
        throw new ChaincodeError(
          'INVALID_ARGUMENT',
          `scans[${i}]`,
          'error declarations are recorded with RecordEvents',
        );
      }
      const prepared = await prepare(ctx, store, scan, [], seen);
      outcomes.push({ receipt: await write(ctx, store, caller, scan, prepared) });
    } catch (error) {
      if (!(error instanceof ChaincodeError)) throw error;
      outcomes.push({ error: error.message, idempotencyKey: scan.idempotencyKey });
    }
  }
  return outcomes;
}

/** Commercial details go to the recorder's own collection; the public record keeps only their hash. */
async function saveCommercial(
  store: Store,
  caller: Caller,
  eventId: string,
  details: Record<string, unknown>,
) {
  const collection = orgCollection(caller.mspId);
  await store.putPrivate(collection, KeyType.commercial, [eventId], details);
  return { collection, sha256: createHash('sha256').update(canonicalJson(details)).digest('hex') };
}
