/**
 * Answering an EPCIS query from the indexes: pick the most selective index range (a single-valued equality
 * parameter, the eventTime range, the recordTime range, or all events), walk it in key order and check every
 * other condition against the stored postings. Selectivity is probed by counting at most PROBE keys of each
 * candidate range, so the choice costs a few hundred key reads however large the store grows.
 *
 * Paging: the page token names the driving range and the last key read, so the next page resumes exactly
 * there. Ranges are in event time order (then arrival order), the order an EPCIS client expects by default.
 */
import { createHash } from 'node:crypto';
import type { ClassicLevel } from 'classic-level';
import { docKey, END, postingPrefix, SEP, seqOfKey, type StoredDoc } from './keys';
import { posting, type IndexedParam } from './postings';

export interface EventFilter {
  readonly param: IndexedParam;
  /** Normalised values; an event matches if it has any of them. */
  readonly values: readonly string[];
}

/** Sortable UTC instants; `ge` inclusive, `lt` exclusive. */
export interface TimeRange {
  readonly ge?: string;
  readonly lt?: string;
}

export interface EventQuery {
  readonly filters: readonly EventFilter[];
  readonly eventTime?: TimeRange;
  readonly recordTime?: TimeRange;
}

export interface QueryPage {
  readonly events: readonly Record<string, unknown>[];
  /** Present when more matches may follow. */
  readonly nextPageToken?: string;
}

/** Thrown for a page token that is malformed or belongs to another query. */
export class PageTokenError extends Error {
  override readonly name = 'PageTokenError';
  readonly code = 'INVALID_PAGE_TOKEN';
}

const PROBE = 256;
const BATCH = 128;
/** A page stops after reading this many index entries, returning a token to go on: a bound on latency. */
const MAX_EXAMINED = 20_000;

interface Driver {
  readonly name: string;
  readonly gte: string;
  readonly lt: string;
}

function timeDriver(prefix: 't' | 'r', range: TimeRange): Driver {
  return {
    name: prefix,
    gte: range.ge === undefined ? `${prefix}${SEP}` : `${prefix}${SEP}${range.ge}`,
    lt: range.lt === undefined ? `${prefix}${END}` : `${prefix}${SEP}${range.lt}`,
  };
}

function candidates(query: EventQuery): Driver[] {
  const out: Driver[] = [];
  for (const f of query.filters) {
    if (f.values.length !== 1) continue;
    // Postings sort by event time within a value: an eventTime window narrows the range itself.
    const prefix = postingPrefix(f.param, f.values[0]!);
    const { ge, lt } = query.eventTime ?? {};
    out.push({ name: `x:${f.param}:${f.values[0]!}`, gte: prefix + (ge ?? ''), lt: lt === undefined ? prefix.slice(0, -1) + END : prefix + lt });
  }
  if (query.eventTime) out.push(timeDriver('t', query.eventTime));
  if (query.recordTime) out.push(timeDriver('r', query.recordTime));
  return out;
}

async function count(db: ClassicLevel, d: Driver): Promise<number> {
  const keys = await db.keys({ gte: d.gte, lt: d.lt, limit: PROBE }).all();
  return keys.length;
}

async function chooseDriver(db: ClassicLevel, query: EventQuery): Promise<Driver> {
  const all: Driver = { name: 'e', gte: `e${SEP}`, lt: `e${END}` };
  let best: { driver: Driver; n: number } | undefined;
  for (const d of candidates(query)) {
    const n = await count(db, d);
    if (best === undefined || n < best.n) best = { driver: d, n };
    if (n === 0) break;
  }
  return best?.driver ?? all;
}

function matches(doc: StoredDoc, query: EventQuery): boolean {
  const keys = new Set(doc.k);
  for (const f of query.filters) if (!f.values.some((v) => keys.has(posting(f.param, v)))) return false;
  const inRange = (t: string, r: TimeRange | undefined): boolean =>
    r === undefined || ((r.ge === undefined || t >= r.ge) && (r.lt === undefined || t < r.lt));
  return inRange(doc.t, query.eventTime) && inRange(doc.r, query.recordTime);
}

const fingerprint = (query: EventQuery): string =>
  createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);

interface Token {
  readonly d: string;
  readonly a: string;
  readonly h: string;
}

function readToken(token: string, query: EventQuery): Token {
  let parsed: Partial<Token>;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Token>;
  } catch {
    throw new PageTokenError('nextPageToken is not one this server issued');
  }
  if (typeof parsed.d !== 'string' || typeof parsed.a !== 'string' || parsed.h !== fingerprint(query)) {
    throw new PageTokenError('nextPageToken belongs to another query');
  }
  return parsed as Token;
}

const writeToken = (t: Token): string => Buffer.from(JSON.stringify(t)).toString('base64url');

export async function planQuery(
  db: ClassicLevel,
  query: EventQuery,
  perPage: number,
  pageToken?: string,
): Promise<QueryPage> {
  const resume = pageToken === undefined ? undefined : readToken(pageToken, query);
  let driver: Driver;
  if (resume) {
    const found = [...candidates(query), { name: 'e', gte: `e${SEP}`, lt: `e${END}` }].find((d) => d.name === resume.d);
    if (!found || resume.a < found.gte || resume.a >= found.lt) throw new PageTokenError('nextPageToken does not fit this query');
    driver = found;
  } else {
    driver = await chooseDriver(db, query);
  }
  const events: Record<string, unknown>[] = [];
  const iterator = db.keys(resume ? { gt: resume.a, lt: driver.lt } : { gte: driver.gte, lt: driver.lt });
  let examined = 0;
  try {
    for (;;) {
      const keys = await iterator.nextv(BATCH);
      if (keys.length === 0) return { events };
      const docs = driver.name === 'e' ? await db.getMany(keys) : await db.getMany(keys.map((k) => docKey(seqOfKey(k))));
      for (const [i, key] of keys.entries()) {
        examined++;
        const raw = docs[i];
        if (raw !== undefined) {
          const doc = JSON.parse(raw) as StoredDoc;
          if (matches(doc, query)) events.push(doc.ev);
        }
        if (events.length >= perPage || examined >= MAX_EXAMINED) {
          return { events, nextPageToken: writeToken({ d: driver.name, a: key, h: fingerprint(query) }) };
        }
      }
    }
  } finally {
    await iterator.close();
  }
}
