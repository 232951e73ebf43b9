/**
 * The acknowledgement log of a {@link ScanLoad} against what the ledger holds: every acknowledged scan recorded
 * exactly once. The ledger is asked through the chaincode's own queries — `QueryEvents` by lot (every event
 * indexed under it) and `History` of each event key (every write of it, so a second commit of the same event
 * would show as a second version even though the event ID is a content hash).
 */
import { Tx } from '../../../chaincode/src/api';
import type { Ledger } from '../../../ledger/src';
import type { LotRef, ScanLoad } from './scanLoad';

interface EventPage {
  readonly records: readonly { readonly event: { readonly eventID: string; readonly eventTime: string } }[];
  readonly bookmark: string;
}

export interface Reconciliation {
  readonly acknowledged: number;
  /** Acknowledged keys with no event on the ledger. */
  readonly lost: readonly string[];
  /** Keys (acknowledged or not) with more than one event, or an event written more than once. */
  readonly twice: readonly string[];
  /** Scans of this load on the ledger that were never acknowledged (sent when a gateway died): allowed, once. */
  readonly unacknowledgedRecorded: number;
}

const lotUri = (l: LotRef): string => `https://id.gs1.org/01/${l.gtin}/10/${l.lot}`;

async function evaluate<T>(ledger: Ledger, user: string, fn: string, args: string[]): Promise<T> {
  return JSON.parse(Buffer.from(await ledger.evaluate({ user, fn, args })).toString('utf8')) as T;
}

/** Event IDs per idempotency key of `load`, read from the events indexed under each of its lots. */
async function eventsByKey(ledger: Ledger, user: string, load: ScanLoad): Promise<Map<string, string[]>> {
  const keyByTime = new Map(load.issued.map((s) => [`${lotUri(s.lot)} ${s.eventTimeMs}`, s.key]));
  const found = new Map<string, string[]>();
  const lots = [...new Map(load.issued.map((s) => [lotUri(s.lot), s.lot])).values()];
  for (const lot of lots) {
    let bookmark = '';
    do {
      const page: EventPage = await evaluate(ledger, user, Tx.QueryEvents, [
        JSON.stringify({
          by: 'subject',
          value: lotUri(lot),
          pageSize: 500,
          ...(bookmark ? { bookmark } : {}),
        }),
      ]);
      for (const { event } of page.records) {
        const key = keyByTime.get(`${lotUri(lot)} ${Date.parse(event.eventTime)}`);
        if (key !== undefined) found.set(key, [...(found.get(key) ?? []), event.eventID]);
      }
      bookmark = page.bookmark;
    } while (bookmark !== '');
  }
  return found;
}

/** Keys of acknowledged scans not on the ledger yet (cheap: no History calls), to wait on. */
export async function missing(ledger: Ledger, user: string, load: ScanLoad): Promise<string[]> {
  const found = await eventsByKey(ledger, user, load);
  return load.acks.filter((a) => !found.has(a.key)).map((a) => a.key);
}

export async function reconcile(ledger: Ledger, user: string, load: ScanLoad): Promise<Reconciliation> {
  const found = await eventsByKey(ledger, user, load);
  const acked = new Set(load.acks.map((a) => a.key));
  const twice = new Set([...found].filter(([, ids]) => ids.length > 1).map(([key]) => key));
  // Eight History queries at a time: enough to keep the peer busy, few enough not to starve the load's endorsements.
  const entries = [...found];
  for (let i = 0; i < entries.length; i += 8) {
    await Promise.all(
      entries.slice(i, i + 8).map(async ([key, ids]) => {
        const versions = await evaluate<unknown[]>(ledger, user, Tx.History, ['event', ids[0]!]);
        if (versions.length !== 1) twice.add(key);
      }),
    );
  }
  return {
    acknowledged: acked.size,
    lost: [...acked].filter((k) => !found.has(k)),
    twice: [...twice],
    unacknowledgedRecorded: [...found.keys()].filter((k) => !acked.has(k)).length,
  };
}
