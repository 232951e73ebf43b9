/**
 * What an event is findable by: the (parameter, value) pairs the read model indexes, one per EPCIS 2.0 query
 * parameter it answers (EPCIS 2.0 §8.2.7.1 SimpleEventQuery). Values are normalised the one way the chaincode
 * normalises them, so `urn:epc:id:sgtin:…` and its Digital Link, or `shipping` and its CBV Web URI, meet.
 */
import { canonicalId, expandCbv, indexedBizStep } from '../../../../chaincode/src/api';

/** Indexed parameters, named after the query parameter they serve (without the EQ_/MATCH_ prefix). */
export const INDEXED_PARAMS = [
  'eventType',
  'action',
  'bizStep',
  'disposition',
  'readPoint',
  'bizLocation',
  /** epcList and childEPCs (MATCH_epc). */
  'epc',
  /** epcList, childEPCs, inputEPCList, outputEPCList, parentID (MATCH_anyEPC). */
  'anyEPC',
  /** quantityList and childQuantityList classes (MATCH_epcClass). */
  'epcClass',
  /** every quantity list, inputs and outputs included (MATCH_anyEPCClass). */
  'anyEPCClass',
] as const;
export type IndexedParam = (typeof INDEXED_PARAMS)[number];

/** One index entry: `param` + NUL + normalised value. */
export type Posting = string;
export const posting = (param: IndexedParam, value: string): Posting => `${param}\u0000${value}`;

/** Canonical GS1 Digital Link for GS1 keys; any other URI as given (a partner's own identifiers). */
export function normaliseId(value: string): string {
  try {
    return canonicalId(value);
  } catch {
    return value;
  }
}

export function normaliseBizStepValue(value: string): string {
  try {
    return indexedBizStep(value, 'bizStep');
  } catch {
    return value;
  }
}

export const normaliseDisposition = (value: string): string => expandCbv('Disp', value);

/** How each parameter's query values are normalised before they meet the index. */
export const NORMALISE: Readonly<Record<IndexedParam, (v: string) => string>> = {
  eventType: (v) => v,
  action: (v) => v,
  bizStep: normaliseBizStepValue,
  disposition: normaliseDisposition,
  readPoint: normaliseId,
  bizLocation: normaliseId,
  epc: normaliseId,
  anyEPC: normaliseId,
  epcClass: normaliseId,
  anyEPCClass: normaliseId,
};

type Json = Record<string, unknown>;
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const classes = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.map((q) => (q as Json | null)?.epcClass).filter((x): x is string => typeof x === 'string')
    : [];
const idOf = (v: unknown): string | undefined => {
  const id = (v as Json | null | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
};

/** Every posting of an EPCIS event, deduplicated. */
export function postingsOf(event: Json): Posting[] {
  const out = new Set<Posting>();
  const add = (param: IndexedParam, values: readonly (string | undefined)[]): void => {
    for (const v of values) if (v !== undefined && v !== '') out.add(posting(param, NORMALISE[param](v)));
  };
  add('eventType', [typeof event.type === 'string' ? event.type : undefined]);
  add('action', [typeof event.action === 'string' ? event.action : undefined]);
  add('bizStep', [typeof event.bizStep === 'string' ? event.bizStep : undefined]);
  add('disposition', [typeof event.disposition === 'string' ? event.disposition : undefined]);
  add('readPoint', [idOf(event.readPoint)]);
  add('bizLocation', [idOf(event.bizLocation)]);
  const own = [...strings(event.epcList), ...strings(event.childEPCs)];
  add('epc', own);
  const parent = typeof event.parentID === 'string' ? [event.parentID] : [];
  add('anyEPC', [...own, ...strings(event.inputEPCList), ...strings(event.outputEPCList), ...parent]);
  const ownClasses = [...classes(event.quantityList), ...classes(event.childQuantityList)];
  add('epcClass', ownClasses);
  add('anyEPCClass', [
    ...ownClasses,
    ...classes(event.inputQuantityList),
    ...classes(event.outputQuantityList),
  ]);
  return [...out];
}

/** ISO 8601 instant in UTC with milliseconds: sorts as a string in time order. */
export function sortableInstant(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`not a date-time: ${value}`);
  return new Date(ms).toISOString();
}
