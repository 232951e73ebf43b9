import { invalid } from '../errors';

/**
 * GS1 Core Business Vocabulary 2.0 terms as readonly lists (the enums of the EPCIS 2.0 JSON schema), their
 * Web URIs (`https://ref.gs1.org/cbv/{Type}-{term}`, CBV 2.0 §6), and Trace's own bizSteps for farm and coffee
 * steps that CBV has no term for.
 */

export const CBV_URI_BASE = 'https://ref.gs1.org/cbv/';

// prettier-ignore
export const BIZ_STEPS = [
  'accepting', 'arriving', 'assembling', 'collecting', 'commissioning', 'consigning', 'creating_class_instance',
  'cycle_counting', 'decommissioning', 'departing', 'destroying', 'disassembling', 'dispensing', 'encoding',
  'entering_exiting', 'holding', 'inspecting', 'installing', 'killing', 'loading', 'other', 'packing', 'picking',
  'receiving', 'removing', 'repackaging', 'repairing', 'replacing', 'reserving', 'retail_selling', 'sampling',
  'sensor_reporting', 'shipping', 'staging_outbound', 'stock_taking', 'stocking', 'storing', 'transporting',
  'unloading', 'unpacking', 'void_shipping',
] as const;
export type BizStep = (typeof BIZ_STEPS)[number];

// prettier-ignore
export const DISPOSITIONS = [
  'active', 'available', 'completeness_inferred', 'completeness_verified', 'conformant', 'container_closed',
  'container_open', 'damaged', 'destroyed', 'dispensed', 'disposed', 'encoded', 'expired', 'in_progress',
  'in_transit', 'inactive', 'mismatch_class', 'mismatch_instance', 'mismatch_quantity', 'needs_replacement',
  'no_pedigree_match', 'non_conformant', 'non_sellable_other', 'partially_dispensed', 'recalled', 'reserved',
  'retail_sold', 'returned', 'sellable_accessible', 'sellable_not_accessible', 'stolen', 'unavailable', 'unknown',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

// prettier-ignore
export const BIZ_TRANSACTION_TYPES = [
  'bol', 'cert', 'desadv', 'inv', 'pedigree', 'po', 'poc', 'prodorder', 'recadv', 'rma', 'testprd', 'testres',
  'upevt',
] as const;
export type BizTransactionType = (typeof BIZ_TRANSACTION_TYPES)[number];

export const SOURCE_DEST_TYPES = ['owning_party', 'possessing_party', 'location'] as const;
export type SourceDestType = (typeof SOURCE_DEST_TYPES)[number];

export const ERROR_REASONS = ['did_not_occur', 'incorrect_data'] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

/** The CBV vocabularies by the type name that prefixes their terms in a CBV Web URI. */
export type CbvVocabulary = 'BizStep' | 'Disp' | 'BTT' | 'SDT' | 'ER' | 'Comp';

/** The pre-2.0 URN forms (CBV 1.2 §7), still accepted on input. */
const LEGACY_URN: Readonly<Record<CbvVocabulary, string>> = {
  BizStep: 'urn:epcglobal:cbv:bizstep:',
  Disp: 'urn:epcglobal:cbv:disp:',
  BTT: 'urn:epcglobal:cbv:btt:',
  SDT: 'urn:epcglobal:cbv:sdt:',
  ER: 'urn:epcglobal:cbv:er:',
  Comp: 'urn:epcglobal:cbv:comp:',
};

const includes = <T extends string>(list: readonly T[], s: unknown): s is T =>
  typeof s === 'string' && (list as readonly string[]).includes(s);

export const isBizStep = (s: unknown): s is BizStep => includes(BIZ_STEPS, s);
export const isDisposition = (s: unknown): s is Disposition => includes(DISPOSITIONS, s);

/** `receiving` → `https://ref.gs1.org/cbv/BizStep-receiving`. */
export const cbvUri = (vocabulary: CbvVocabulary, term: string): string =>
  `${CBV_URI_BASE}${vocabulary}-${term}`;

/**
 * Expands a CBV value to its Web URI as the event hash (CBV 2.0 §8.9) and EPCIS JSON-LD do: a bare word gets the
 * vocabulary's prefix, a `cbv:` CURIE or a CBV 1.x URN is rewritten, any other URI is a user vocabulary and
 * stays as it is.
 */
export function expandCbv(vocabulary: CbvVocabulary, value: string): string {
  if (!value.includes(':')) return cbvUri(vocabulary, value);
  if (value.startsWith('cbv:')) return CBV_URI_BASE + value.slice(4);
  const legacy = LEGACY_URN[vocabulary];
  if (value.startsWith(legacy)) return cbvUri(vocabulary, value.slice(legacy.length));
  return value;
}

/** The bare CBV term of a CBV Web URI or URN of `vocabulary`, or `undefined` if it is not one. */
export function cbvShortName(vocabulary: CbvVocabulary, uri: string): string | undefined {
  for (const prefix of [`${CBV_URI_BASE}${vocabulary}-`, LEGACY_URN[vocabulary]]) {
    if (uri.startsWith(prefix) && uri.length > prefix.length) return uri.slice(prefix.length);
  }
  return undefined;
}

/** Namespace of Trace's own bizSteps: farm and coffee steps with no CBV 2.0 term. */
export const TRACE_BIZSTEP_NS = 'urn:trace:bizstep:';

// prettier-ignore
export const TRACE_BIZ_STEPS = [
  'harvesting', 'drying', 'fermenting', 'hulling', 'roasting', 'cupping', 'washing', 'grading', 'blending',
  'cooling',
] as const;
export type TraceBizStep = (typeof TRACE_BIZ_STEPS)[number];
export const isTraceBizStep = (s: unknown): s is TraceBizStep => includes(TRACE_BIZ_STEPS, s);

/**
 * The one URI form of a bizStep that Trace stores: CBV terms (bare, `cbv:` CURIE, Web URI or CBV 1.x URN) become
 * `https://ref.gs1.org/cbv/BizStep-…`; Trace's own terms (bare or `urn:trace:bizstep:…`) become
 * `urn:trace:bizstep:…`. Anything else throws `INVALID_ARGUMENT: bizStep: …`.
 */
export function normaliseBizStep(s: string): string {
  const value = s.trim();
  const cbvTerm = value.includes(':') ? cbvShortName('BizStep', expandCbv('BizStep', value)) : value;
  if (isBizStep(cbvTerm)) return cbvUri('BizStep', cbvTerm);
  const own = value.startsWith(TRACE_BIZSTEP_NS) ? value.slice(TRACE_BIZSTEP_NS.length) : value;
  if (isTraceBizStep(own)) return TRACE_BIZSTEP_NS + own;
  throw invalid(
    'bizStep',
    `not a CBV 2.0 bizStep nor one of ${TRACE_BIZSTEP_NS}{${TRACE_BIZ_STEPS.join('|')}}: ${s}`,
  );
}
