/**
 * Answering an EPCIS query from the indexes: pick the most selective index range (a single-valued equality
 * parameter narrowed by the eventTime window, the eventTime range, the recordTime range, or all events), walk
 * it and check every other condition against the stored postings. Selectivity is probed by counting at most
 * PROBE keys of each candidate, so the choice costs a few hundred key reads however large the store grows;
 * when no candidate is small and two or more equality parameters are given, their postings are intersected
 * instead, driven by the smallest (indexCursor.ts).
 *
 * Paging: the page token names the driving range and the last key read, so the next page resumes exactly
 * there. Ranges are in event time order (then arrival order), the order an EPCIS client expects by default.
 */
import { createHash } from 'node:crypto';
import type { ClassicLevel } from 'classic-level';
import { after, joinCursor, rangeCursor, type IndexCursor, type Range } from './indexCursor';
import { docKey, END, postingPrefix, SEP, type StoredDoc } from './keys';
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
const PROBE_DEEP = 2048;
const BATCH = 128;
/** A page stops after this much index work, returning a token to go on: a bound on latency. */
const MAX_WORK = 20_000;

interface Candidate {
  readonly name: string;
  readonly range: Range;
  readonly posting: boolean;
}

function timeCandidate(prefix: 't' | 'r', range: TimeRange): Candidate {
  return {
    name: prefix,
    posting: false,
    range: {
      prefix: '',
      gte: range.ge === undefined ? `${prefix}${SEP}` : `${prefix}${SEP}${range.ge}`,
      lt: range.lt === undefined ? `${prefix}${END}` : `${prefix}${SEP}${range.lt}`,
    },
  };
}

const ALL: Candidate = { name: 'e', posting: false, range: { prefix: '', gte: `e${SEP}`, lt: `e${END}` } };

function candidates(query: EventQuery): Candidate[] {
  const out: Candidate[] = [];
  for (const f of query.filters) {
    if (f.values.length !== 1) continue;
    // Postings sort by event time within a value: an eventTime window narrows the range itself.
    const prefix = postingPrefix(f.param, f.values[0]!);
    const { ge, lt } = query.eventTime ?? {};
    out.push({
      name: `x:${f.param}:${f.values[0]!}`,
      posting: true,
      range: {
        prefix,
        gte: prefix + (ge ?? ''),
        lt: lt === undefined ? prefix.slice(0, -1) + END : prefix + lt,
      },
    });
  }
  if (query.eventTime) out.push(timeCandidate('t', query.eventTime));
  if (query.recordTime) out.push(timeCandidate('r', query.recordTime));
  return out;
}

async function count(db: ClassicLevel, r: Range, limit: number): Promise<number> {
  const keys = await db.keys({ gte: r.gte, lt: r.lt, limit }).all();
  return keys.length;
}

/**
 * The plan: one range when one is small (or the only one); else, with two or more equality parameters, a join
 * driven by the smallest posting, found by counting each up to PROBE_DEEP keys.
 */
async function choosePlan(db: ClassicLevel, query: EventQuery): Promise<string> {
  let best: { c: Candidate; n: number } | undefined;
  const all = candidates(query);
  for (const c of all) {
    const n = await count(db, c.range, PROBE);
    if (best === undefined || n < best.n) best = { c, n };
    if (n === 0) break;
  }
  if (best === undefined) return ALL.name;
  const postings = all.filter((c) => c.posting);
  if (best.n < PROBE || postings.length < 2) return best.c.name;
  let driver: { c: Candidate; n: number } | undefined;
  for (const c of postings) {
    const n = await count(db, c.range, PROBE_DEEP);
    if (driver === undefined || n < driver.n) driver = { c, n };
  }
  return `join:${driver!.c.name}`;
}

function cursorFor(db: ClassicLevel, query: EventQuery, plan: string, resumeAt?: string): IndexCursor {
  const all = candidates(query);
  if (plan.startsWith('join:')) {
    const driver = all.find((c) => c.posting && c.name === plan.slice(5));
    if (!driver) throw new PageTokenError('nextPageToken does not fit this query');
    return joinCursor(
      db,
      driver.range,
      all.filter((c) => c.posting && c !== driver).map((c) => c.range),
      resumeAt,
    );
  }
  const c = plan === ALL.name ? ALL : all.find((x) => x.name === plan);
  if (!c) throw new PageTokenError('nextPageToken does not fit this query');
  return rangeCursor(db, c.range, resumeAt);
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
  const plan = resume?.d ?? (await choosePlan(db, query));
  const cursor = cursorFor(db, query, plan, resume?.a);
  const events: Record<string, unknown>[] = [];
  const token = (at: string): QueryPage => ({
    events,
    nextPageToken: writeToken({ d: plan, a: at, h: fingerprint(query) }),
  });
  let work = 0;
  try {
    for (;;) {
      const step = await cursor.next(BATCH);
      work += step.work;
      const docs = step.hits.length === 0 ? [] : await db.getMany(step.hits.map((h) => docKey(h.seq)));
      for (const [i, hit] of step.hits.entries()) {
        const raw = docs[i];
        if (raw === undefined) continue;
        const doc = JSON.parse(raw) as StoredDoc;
        if (matches(doc, query)) events.push(doc.ev);
        if (events.length >= perPage) return token(after(hit.pos));
      }
      if (step.resumeAt === undefined) return { events };
      if (work >= MAX_WORK) return token(step.resumeAt);
    }
  } finally {
    await cursor.close();
  }
}
