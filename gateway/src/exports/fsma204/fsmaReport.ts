/**
 * The FSMA 204 report of one traceability lot over a date range: every Critical Tracking Event that names the
 * lot (as a class in any quantity list, inputs and outputs included) from the EPCIS read model, one row each,
 * in event time order, with the TLC source found from the event that assigned the lot code (1.1320(a):
 * initial packing or transformation).
 */
import type { EpcisEventStore } from '../../epcis/readModel/eventStore';
import { normaliseId, sortableInstant } from '../../epcis/readModel/postings';
import type { EventQuery } from '../../epcis/readModel/queryPlan';
import { CteRowBuilder, cteOf, describeLocation, type MasterData } from './cteRows';
import type { KdeRow } from './kdeColumns';

type Json = Record<string, unknown>;

export interface FsmaRequest {
  /** Traceability lot code: a lot Digital Link or LGTIN URN. */
  readonly tlc: string;
  /** Inclusive calendar dates (UTC), YYYY-MM-DD. */
  readonly from: string;
  readonly to: string;
}

async function allEvents(store: EpcisEventStore, query: EventQuery): Promise<Json[]> {
  const out: Json[] = [];
  let token: string | undefined;
  do {
    const page = await store.query(query, 1000, token);
    out.push(...page.events);
    token = page.nextPageToken;
  } while (token !== undefined);
  return out;
}

const isOutput = (event: Json, tlc: string): boolean =>
  Array.isArray(event.outputQuantityList) &&
  (event.outputQuantityList as Json[]).some(
    (q) => typeof q.epcClass === 'string' && normaliseId(q.epcClass) === tlc,
  );

export async function fsmaRows(
  store: EpcisEventStore,
  md: MasterData,
  request: FsmaRequest,
): Promise<KdeRow[]> {
  const tlc = normaliseId(request.tlc);
  const byLot = { param: 'anyEPCClass' as const, values: [tlc] };
  const end = new Date(Date.parse(`${request.to}T00:00:00Z`) + 86_400_000).toISOString();
  const inRange = await allEvents(store, {
    filters: [byLot],
    eventTime: { ge: sortableInstant(`${request.from}T00:00:00Z`), lt: end },
  });
  // The TLC source is where the code was assigned, whenever that was (often before the range).
  const origin = (await store.query({ filters: [byLot] }, 1000)).events.find(
    (e) => cteOf(e) === 'initial_packing' || (cteOf(e) === 'transformation' && isOutput(e, tlc)),
  );
  const originPlace = origin
    ? ((origin.bizLocation ?? origin.readPoint) as { id?: string } | undefined)?.id
    : undefined;
  const tlcSource = originPlace
    ? describeLocation(
        normaliseId(originPlace),
        await md.location(normaliseId(originPlace)).catch(() => undefined),
      )
    : '';
  const builder = new CteRowBuilder(md, tlc, tlcSource);
  const rows: KdeRow[] = [];
  const sorted = [...inRange].sort(
    (a, b) => Date.parse(String(a.eventTime)) - Date.parse(String(b.eventTime)),
  );
  for (const event of sorted) {
    const cte = cteOf(event);
    // A declared-erroneous event is no record of what happened (CBV 2.0 §7.5): leave it out.
    if (cte === undefined || event.errorDeclaration !== undefined) continue;
    rows.push(await builder.row(event, cte));
  }
  return rows;
}
