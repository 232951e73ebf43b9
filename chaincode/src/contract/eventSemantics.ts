/**
 * The EPCIS 2.0 rules a passage record must meet beyond its JSON shape (EPCIS 2.0 §7.4), and what each event
 * names: its subjects (for indexes and trace) and the action a caller needs to record it.
 */
import type { Action } from '../access/policy';
import { invalid } from '../errors';
import type { EpcisEvent } from '../model/epcisEvent';
import { canonicalId } from '../identifiers/gs1Keys';
import { normaliseBizStep } from '../epcis/cbv';

export function actionFor(event: EpcisEvent): Action {
  switch (event.type) {
    case 'ObjectEvent':
      return event.action === 'OBSERVE' ? 'event.observe' : 'event.commission';
    case 'AggregationEvent':
      return 'event.aggregate';
    case 'TransformationEvent':
      return 'event.transform';
    case 'AssociationEvent':
      return 'event.associate';
    case 'TransactionEvent':
      return 'event.observe';
  }
}

const nonEmpty = (list: readonly unknown[] | undefined): boolean => list !== undefined && list.length > 0;

/** Throws `INVALID_ARGUMENT` naming the field when the event breaks an EPCIS rule. */
export function checkEventSemantics(event: EpcisEvent, field: string): void {
  if (event.type !== 'TransformationEvent' && event.action === undefined) {
    throw invalid(`${field}.action`, `${event.type} requires ADD, OBSERVE or DELETE`);
  }
  if (event.ilmd !== undefined && !(event.type === 'TransformationEvent' || event.action === 'ADD')) {
    throw invalid(
      `${field}.ilmd`,
      'instance/lot master data is only allowed with action ADD or a transformation',
    );
  }
  switch (event.type) {
    case 'ObjectEvent':
      if (!nonEmpty(event.epcList) && !nonEmpty(event.quantityList)) {
        throw invalid(`${field}.epcList`, 'an ObjectEvent names at least one EPC or quantity');
      }
      break;
    case 'AggregationEvent':
    case 'AssociationEvent':
      if (event.action !== 'OBSERVE' && event.parentID === undefined) {
        throw invalid(`${field}.parentID`, `${event.type} ${event.action ?? ''} requires parentID`);
      }
      if (event.action === 'ADD' && !nonEmpty(event.childEPCs) && !nonEmpty(event.childQuantityList)) {
        throw invalid(`${field}.childEPCs`, `${event.type} ADD names at least one child`);
      }
      break;
    case 'TransformationEvent': {
      const inputs = nonEmpty(event.inputEPCList) || nonEmpty(event.inputQuantityList);
      const outputs = nonEmpty(event.outputEPCList) || nonEmpty(event.outputQuantityList);
      if (event.transformationID === undefined && !(inputs && outputs)) {
        throw invalid(
          `${field}.inputEPCList`,
          'a transformation needs inputs and outputs, or a transformationID',
        );
      }
      break;
    }
    case 'TransactionEvent':
      if (!nonEmpty(event.epcList) && !nonEmpty(event.quantityList) && event.parentID === undefined) {
        throw invalid(`${field}.epcList`, 'a TransactionEvent names at least one EPC, quantity or parent');
      }
      break;
  }
}

export interface Subjects {
  /** Every canonical ID the event names, deduplicated, in a stable order. */
  readonly all: readonly string[];
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly parent?: string;
  readonly children: readonly string[];
  readonly locations: readonly string[];
}

const ids = (list: readonly string[] | undefined, field: string): string[] =>
  (list ?? []).map((v, i) => canonicalId(v, `${field}[${i}]`));

const classes = (list: readonly { epcClass: string }[] | undefined, field: string): string[] =>
  (list ?? []).map((q, i) => canonicalId(q.epcClass, `${field}[${i}].epcClass`));

const unique = (list: readonly string[]): string[] => [...new Set(list)];

export function subjectsOf(event: EpcisEvent, field: string): Subjects {
  const inputs = unique([
    ...ids(event.inputEPCList, `${field}.inputEPCList`),
    ...classes(event.inputQuantityList, `${field}.inputQuantityList`),
  ]);
  const outputs = unique([
    ...ids(event.outputEPCList, `${field}.outputEPCList`),
    ...classes(event.outputQuantityList, `${field}.outputQuantityList`),
  ]);
  const children = unique([
    ...ids(event.childEPCs, `${field}.childEPCs`),
    ...classes(event.childQuantityList, `${field}.childQuantityList`),
  ]);
  const parent = event.parentID === undefined ? undefined : canonicalId(event.parentID, `${field}.parentID`);
  const own = [
    ...ids(event.epcList, `${field}.epcList`),
    ...classes(event.quantityList, `${field}.quantityList`),
  ];
  const locations = unique(
    [
      event.readPoint ? canonicalId(event.readPoint.id, `${field}.readPoint.id`) : undefined,
      event.bizLocation ? canonicalId(event.bizLocation.id, `${field}.bizLocation.id`) : undefined,
    ].filter((x): x is string => x !== undefined),
  );
  return {
    all: unique([...own, ...(parent ? [parent] : []), ...children, ...inputs, ...outputs]),
    inputs,
    outputs,
    ...(parent ? { parent } : {}),
    children,
    locations,
  };
}

/** ILMD keys that carry a lot number for commissioned serialised items (CBV master data, with or without prefix). */
const LOT_KEYS = ['cbvmda:lotNumber', 'lotNumber', 'gs1:lotNumber', 'https://ref.gs1.org/cbv/MDA-lotNumber'];

export function ilmdLotNumber(event: EpcisEvent): string | undefined {
  if (!event.ilmd) return undefined;
  for (const key of LOT_KEYS) {
    const value = (event.ilmd as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}

/**
 * The bizStep as indexed: CBV terms and Trace's own farm steps normalised to one URI form; any other absolute
 * URI is a partner's own vocabulary, which EPCIS 2.0 allows, and is kept as given. Bare words must be known.
 */
export function indexedBizStep(value: string, field: string): string {
  try {
    return normaliseBizStep(value);
  } catch (error) {
    const reserved =
      value.startsWith('urn:trace:') ||
      value.startsWith('https://ref.gs1.org/cbv/') ||
      value.startsWith('urn:epcglobal:cbv:');
    if (/^[a-z][a-z0-9+.-]*:\S+$/i.test(value) && !reserved) return value;
    throw invalid(
      field,
      error instanceof Error ? error.message.replace(/^[A-Z_]+: bizStep: /, '') : 'unknown bizStep',
    );
  }
}
