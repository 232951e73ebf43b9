/**
 * EPCIS 2.0 JSON-LD documents in and out. In: each captured event carries its document's extension
 * `@context` (so the chaincode's Event Hash ID resolves `example:myField` to its namespace, CBV 2.0 §8.9, and
 * so the event keeps its meaning on its own), and loses what the repository sets (recordTime). Out: events are
 * wrapped in an EPCISDocument or EPCISQueryDocument whose `@context` gathers the events' own contexts.
 */
import { eventHashId } from '../../../chaincode/src/api';

type Json = Record<string, unknown>;

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
const isStandardContext = (c: unknown): boolean =>
  typeof c === 'string' &&
  c.startsWith('https://ref.gs1.org/standards/epcis/') &&
  c.endsWith('epcis-context.jsonld');

/** The entries of a JSON-LD `@context` beyond GS1's own EPCIS context (namespace prefixes of extensions). */
export function extensionContext(context: unknown): unknown[] {
  const list = Array.isArray(context) ? (context as unknown[]) : context === undefined ? [] : [context];
  return list.filter((c) => !isStandardContext(c));
}

/** An eventID the client gave that was not the event's CBV 2.0 hash, and the hash stored instead. */
export interface ReplacedEventId {
  readonly given: string;
  readonly stored: string;
}

export interface PreparedEvent {
  readonly event: Json;
  /** The eventID the ledger will store it under. */
  readonly eventID: string;
  readonly replaced?: ReplacedEventId;
}

/**
 * Makes a captured event ready for the ledger. An `ni:///` eventID must be the CBV 2.0 Event Hash ID (the
 * chaincode refuses any other); a client's wrong one (the official examples carry placeholder hashes) is
 * replaced by the true hash and reported, rather than failing the capture. Other eventID URIs are kept.
 */
export function prepareEvent(input: Json, documentContext: unknown): PreparedEvent {
  const { recordTime: _recordTime, ...event } = input;
  const ext = extensionContext(documentContext);
  if (ext.length > 0 && event['@context'] === undefined) event['@context'] = ext;
  const hash = eventHashId(event);
  const given = typeof event.eventID === 'string' ? event.eventID : undefined;
  if (given === undefined || (given.startsWith('ni:///') && given !== hash)) {
    event.eventID = hash;
    return { event, eventID: hash, ...(given !== undefined ? { replaced: { given, stored: hash } } : {}) };
  }
  return { event, eventID: given };
}

function hoistContexts(events: readonly Json[]): { context: unknown[]; events: Json[] } {
  const extra = new Map<string, unknown>();
  const stripped = events.map((e) => {
    const { '@context': own, ...rest } = e;
    for (const c of extensionContext(own)) extra.set(JSON.stringify(c), c);
    return rest;
  });
  return { context: [EPCIS_CONTEXT, ...extra.values()], events: stripped };
}

/** An EPCISQueryDocument (EPCIS 2.0 §8.2.7.1 SimpleEventQuery results). */
export function queryDocument(events: readonly Json[], creationDate = new Date()): Json {
  const { context, events: eventList } = hoistContexts(events);
  return {
    '@context': context,
    type: 'EPCISQueryDocument',
    schemaVersion: '2.0',
    creationDate: creationDate.toISOString(),
    epcisBody: { queryResults: { queryName: 'SimpleEventQuery', resultsBody: { eventList } } },
  };
}

/** An EPCISDocument (what a capture sends, and what an export of a whole trace is). */
export function epcisDocument(events: readonly Json[], creationDate = new Date()): Json {
  const { context, events: eventList } = hoistContexts(events);
  return {
    '@context': context,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: creationDate.toISOString(),
    epcisBody: { eventList },
  };
}
