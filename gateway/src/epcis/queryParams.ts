/**
 * The EPCIS 2.0 REST query parameters Trace answers (SimpleEventQuery, EPCIS 2.0 §8.2.7.1, as URL query
 * parameters per §12): list values are `|`-separated or repeated. An unknown or unsupported parameter is a
 * QueryParameterException, never silently ignored (ignoring it would return more than was asked).
 */
import type { Request } from 'express';
import { epcisProblem } from './epcisProblem';
import { NORMALISE, sortableInstant, type IndexedParam } from './readModel/postings';
import type { EventFilter, EventQuery, TimeRange } from './readModel/queryPlan';

/** Query parameter → indexed parameter. */
const EQUALITY: Readonly<Record<string, IndexedParam>> = {
  eventType: 'eventType',
  EQ_action: 'action',
  EQ_bizStep: 'bizStep',
  EQ_disposition: 'disposition',
  EQ_readPoint: 'readPoint',
  EQ_bizLocation: 'bizLocation',
  MATCH_epc: 'epc',
  MATCH_anyEPC: 'anyEPC',
  MATCH_epcClass: 'epcClass',
  MATCH_anyEPCClass: 'anyEPCClass',
};
const TIMES = ['GE_eventTime', 'LT_eventTime', 'GE_recordTime', 'LT_recordTime'] as const;
const PAGING = ['perPage', 'nextPageToken'] as const;
export const SUPPORTED_QUERY_PARAMETERS = [...Object.keys(EQUALITY), ...TIMES, ...PAGING];

export const DEFAULT_PER_PAGE = 100;
export const MAX_PER_PAGE = 1000;

export interface ParsedQuery {
  readonly query: EventQuery;
  readonly perPage: number;
  readonly pageToken?: string;
}

const invalid = (param: string, detail: string) =>
  epcisProblem(400, 'QueryParameterException', 'QUERY_PARAMETER_INVALID', detail, param);

function valuesOf(raw: unknown, param: string): string[] {
  const list = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => (typeof v === 'string' ? v.split('|') : []));
  const values = list.map((v) => v.trim()).filter((v) => v !== '');
  if (values.length === 0) throw invalid(param, `${param} needs a value`);
  return values;
}

function single(raw: unknown, param: string): string {
  const values = valuesOf(raw, param);
  if (values.length !== 1) throw invalid(param, `${param} takes one value`);
  return values[0]!;
}

function instant(raw: unknown, param: string): string {
  const value = single(raw, param);
  // EPCIS times are ISO 8601 with a zone; a bare date or local time would be ambiguous.
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(value)) {
    throw invalid(param, `${param} must be an ISO 8601 date-time with a zone, e.g. 2026-01-01T00:00:00Z`);
  }
  return sortableInstant(value);
}

export function parseEventQuery(req: Request): ParsedQuery {
  const filters: EventFilter[] = [];
  const eventTime: { ge?: string; lt?: string } = {};
  const recordTime: { ge?: string; lt?: string } = {};
  for (const [param, raw] of Object.entries(req.query)) {
    const indexed = EQUALITY[param];
    if (indexed !== undefined) {
      filters.push({ param: indexed, values: [...new Set(valuesOf(raw, param).map(NORMALISE[indexed]))] });
    } else if (param === 'GE_eventTime') eventTime.ge = instant(raw, param);
    else if (param === 'LT_eventTime') eventTime.lt = instant(raw, param);
    else if (param === 'GE_recordTime') recordTime.ge = instant(raw, param);
    else if (param === 'LT_recordTime') recordTime.lt = instant(raw, param);
    else if (!(PAGING as readonly string[]).includes(param)) {
      throw invalid(
        param,
        `unsupported query parameter ${param}; supported: ${SUPPORTED_QUERY_PARAMETERS.join(', ')}`,
      );
    }
  }
  let perPage = DEFAULT_PER_PAGE;
  if (req.query.perPage !== undefined) {
    const text = single(req.query.perPage, 'perPage');
    perPage = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(perPage >= 1 && perPage <= MAX_PER_PAGE))
      throw invalid('perPage', `perPage must be an integer from 1 to ${MAX_PER_PAGE}`);
  }
  const pageToken =
    req.query.nextPageToken === undefined ? undefined : single(req.query.nextPageToken, 'nextPageToken');
  // Sorted so that the same query written in another order has the same page-token fingerprint.
  filters.sort((a, b) => (a.param < b.param ? -1 : a.param > b.param ? 1 : 0));
  const range = (r: TimeRange): TimeRange | undefined =>
    r.ge === undefined && r.lt === undefined ? undefined : r;
  const et = range(eventTime);
  const rt = range(recordTime);
  return {
    query: { filters, ...(et ? { eventTime: et } : {}), ...(rt ? { recordTime: rt } : {}) },
    perPage,
    ...(pageToken !== undefined ? { pageToken } : {}),
  };
}
