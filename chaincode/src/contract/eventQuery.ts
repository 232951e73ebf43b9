/**
 * Paged event queries over the composite-key indexes: by subject (EPC, class, lot), by location, by bizStep,
 * optionally bounded by event time. Range queries with pagination run in evaluate (query) transactions only,
 * as Fabric requires.
 */
import type { Context } from 'fabric-contract-api';
import { z } from 'zod';
import { indexedBizStep } from './eventSemantics';
import { ErrorDeclaration, EventRecord } from '../model/eventRecord';
import { DateTime } from '../model/common';
import { canonicalId } from '../model/gs1Keys';
import { parseJsonArg } from '../model/parse';
import { KeyType } from '../state/keys';
import { Store } from '../state/store';
import { sortableTime } from '../txContext';

export const EventQuery = z.object({
  by: z.enum(['subject', 'location', 'bizStep']),
  value: z.string().min(1),
  from: DateTime.optional(),
  to: DateTime.optional(),
  pageSize: z.number().int().min(1).max(500).default(100),
  bookmark: z.string().max(2000).optional(),
});

export interface EventPage {
  readonly records: readonly (EventRecord & { errorDeclaration?: ErrorDeclaration })[];
  readonly bookmark: string;
  readonly fetched: number;
}

const INDEX = { subject: KeyType.eventsBySubject, location: KeyType.eventsByLocation, bizStep: KeyType.eventsByBizStep };

export async function queryEvents(ctx: Context, json: string): Promise<EventPage> {
  const query = parseJsonArg(EventQuery, json, 'query');
  const value = query.by === 'bizStep' ? indexedBizStep(query.value, 'query.value') : canonicalId(query.value, 'query.value');
  const type = INDEX[query.by];
  const stub = ctx.stub;
  // Composite keys compare as strings; an attribute prefix bounds the range ("\u0000type\u0000value\u0000time\u0000").
  const start = stub.createCompositeKey(type, query.from ? [value, sortableTime(query.from)] : [value]);
  const end = query.to
    ? stub.createCompositeKey(type, [value, sortableTime(query.to)])
    : stub.createCompositeKey(type, [value]) + '\u{10FFFF}';
  const { iterator, metadata } = await stub.getStateByRangeWithPagination(start, end, query.pageSize, query.bookmark ?? '');
  const ids: string[] = [];
  try {
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
      ids.push(stub.splitCompositeKey(r.value.key).attributes[2]!);
    }
  } finally {
    await iterator.close();
  }
  const store = new Store(ctx);
  const records = [];
  for (const id of ids) {
    const record = await store.get(EventRecord, KeyType.event, [id]);
    if (!record) continue;
    const errorDeclaration = await store.get(ErrorDeclaration, KeyType.errorDeclaration, [id]);
    records.push(errorDeclaration ? { ...record, errorDeclaration } : record);
  }
  return { records, bookmark: ids.length < query.pageSize ? '' : metadata.bookmark, fetched: metadata.fetchedRecordsCount };
}
