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
import { canonicalId } from '../identifiers/gs1Keys';
import { parseJsonArg } from '../model/parse';
import { invalid } from '../errors';
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

const INDEX = {
  subject: KeyType.eventsBySubject,
  location: KeyType.eventsByLocation,
  bizStep: KeyType.eventsByBizStep,
};

export async function queryEvents(ctx: Context, json: string): Promise<EventPage> {
  const query = parseJsonArg(EventQuery, json, 'query');
  const value =
    query.by === 'bizStep'
      ? indexedBizStep(query.value, 'query.value')
      : canonicalId(query.value, 'query.value');
  const type = INDEX[query.by];
  const stub = ctx.stub;
  // Fabric refuses composite keys in plain range queries, but a paged partial-key query resumes at its
  // bookmark, which is a key: starting the bookmark at [value, from] bounds the scan by time from below.
  const prefix = stub.createCompositeKey(type, [value]);
  if (query.bookmark && !query.bookmark.startsWith(prefix))
    throw invalid('query.bookmark', 'not a bookmark of this query');
  const from =
    query.bookmark || (query.from ? stub.createCompositeKey(type, [value, sortableTime(query.from)]) : '');
  const to = query.to ? sortableTime(query.to) : undefined;
  // fabric-shim leaves `metadata` out when the peer's QueryResponseMetadata is empty (nothing fetched, no
  // bookmark: zero bytes on the wire), whatever its types say; a query of something without events meets it.
  const page = await stub.getStateByPartialCompositeKeyWithPagination(type, [value], query.pageSize, from);
  const { iterator } = page;
  const metadata = (page as { metadata?: typeof page.metadata }).metadata ?? {
    bookmark: '',
    fetchedRecordsCount: 0,
  };
  const ids: string[] = [];
  let pastEnd = false;
  try {
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
      const [, time, id] = stub.splitCompositeKey(r.value.key).attributes;
      if (to !== undefined && time! >= to) {
        pastEnd = true;
        break;
      }
      ids.push(id!);
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
  return { records, bookmark: pastEnd ? '' : metadata.bookmark, fetched: metadata.fetchedRecordsCount };
}
