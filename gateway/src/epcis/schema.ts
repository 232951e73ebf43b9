import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import epcisSchema from './EPCIS-JSON-Schema.json';
import { readableErrors, type SchemaProblem } from './schemaErrors';

/**
 * Validation against GS1's official EPCIS 2.0 JSON Schema (draft-07), shipped beside this file so the gateway
 * needs nothing at run time. Compiled once, on first use.
 */

export type { SchemaProblem } from './schemaErrors';
export { formatProblems } from './schemaErrors';

/** Result of a schema validation: the problems are readable and located by JSON Pointer. */
export type SchemaResult =
  { readonly valid: true } | { readonly valid: false; readonly errors: readonly SchemaProblem[] };

/** The five EPCIS 2.0 event types (EPCIS 2.0 §7.4). */
export const EPCIS_EVENT_TYPES = [
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
] as const;
export type EpcisEventType = (typeof EPCIS_EVENT_TYPES)[number];

const SCHEMA_ID = 'https://gs1.github.io/EPCIS/EPCIS-JSON-Schema.json';

interface Validators {
  readonly document: ValidateFunction;
  readonly events: ReadonlyMap<EpcisEventType, ValidateFunction>;
}

let compiled: Validators | undefined;

function validators(): Validators {
  if (compiled === undefined) {
    // strictRequired is off because the official schema names, inside anyOf branches, properties that are
    // declared in sibling subschemas (e.g. transformationID); every other strict check stays on.
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    addFormats(ajv);
    ajv.addSchema(epcisSchema, SCHEMA_ID);
    const document = ajv.getSchema(SCHEMA_ID)!;
    // A single event inside a capture request has no @context of its own, so it is checked against its type's
    // definition rather than the root (which demands @context on a stand-alone event).
    const events = new Map(
      EPCIS_EVENT_TYPES.map((t) => [t, ajv.getSchema(`${SCHEMA_ID}#/definitions/${t}`)!] as const),
    );
    compiled = { document, events };
  }
  return compiled;
}

function run(validate: ValidateFunction, value: unknown): SchemaResult {
  return validate(value) ? { valid: true } : { valid: false, errors: readableErrors(validate.errors) };
}

const isEventType = (t: unknown): t is EpcisEventType =>
  typeof t === 'string' && (EPCIS_EVENT_TYPES as readonly string[]).includes(t);

/**
 * Validates an EPCIS 2.0 document (`EPCISDocument` or `EPCISQueryDocument`) against the official schema, and
 * requires every event in its event list to be one of the five standard types (the schema lets other types
 * through as extensions; Trace's ledger records only the standard ones).
 */
export function validateEpcisDocument(doc: unknown): SchemaResult {
  const result = run(validators().document, doc);
  const bad: SchemaProblem[] = [];
  const body = (doc as { epcisBody?: { eventList?: unknown } } | null)?.epcisBody;
  if (typeof doc === 'object' && doc !== null && Array.isArray(body?.eventList)) {
    body.eventList.forEach((e: unknown, i) => {
      const type = (e as { type?: unknown } | null)?.type;
      if (!isEventType(type)) {
        bad.push({
          pointer: `/epcisBody/eventList/${i}/type`,
          message: `must be one of: ${EPCIS_EVENT_TYPES.join(', ')}`,
          keyword: 'enum',
        });
      }
    });
  }
  if (bad.length === 0) return result;
  return { valid: false, errors: [...(result.valid ? [] : result.errors), ...bad] };
}

/** Validates one EPCIS 2.0 event (as found in an `eventList`, `@context` optional) against its type's schema. */
export function validateEpcisEvent(event: unknown): SchemaResult {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return { valid: false, errors: [{ pointer: '', message: 'must be an object', keyword: 'type' }] };
  }
  const type = (event as { type?: unknown }).type;
  if (!isEventType(type)) {
    const message = type === undefined ? 'is required' : `must be one of: ${EPCIS_EVENT_TYPES.join(', ')}`;
    return {
      valid: false,
      errors: [{ pointer: '/type', message, keyword: type === undefined ? 'required' : 'enum' }],
    };
  }
  return run(validators().events.get(type)!, event);
}
