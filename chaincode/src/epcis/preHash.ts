import { invalid } from '../errors';
import { hashCanonicalId } from '../identifiers/hashForm';
import { canonicalNumber, canonicalTimestamp, isNumericText } from './canonicalValue';
import { expandCbv, type CbvVocabulary } from './cbv';
import { namespacesOf, qualifiedName, type Namespaces } from './namespaces';

/**
 * The pre-hash string of the CBV 2.0 Event Hash ID (§8.9): the event's fields as `name=value` in the canonical
 * order, values normalised, repeated children sorted, then user extensions sorted; joined without separators.
 */

/** How a field's value is normalised before it enters the pre-hash. */
type Kind = 'plain' | 'time' | 'gs1' | CbvVocabulary;
type Field = readonly [name: string, kind: Kind];
type Obj = Readonly<Record<string, unknown>>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const GS1_VOC = 'https://gs1.org/voc/';

/**
 * Lexical order by Unicode code point (UTF-8 byte order), as the reference implementation sorts; JavaScript's
 * default sort compares UTF-16 code units, which differs for characters beyond the Basic Multilingual Plane.
 */
const byCodePoint = (a: string, b: string): number =>
  Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Fields that never enter the hash: the hash is the eventID, recordTime is the repository's, and an error
 * declaration re-captures the original event, whose ID must not change (CBV 2.0 §8.9). */
const IGNORED = new Set(['type', 'eventID', 'recordTime', 'errorDeclaration']);

const QUANTITY_ELEMENT: readonly Field[] = [
  ['epcClass', 'plain'],
  ['quantity', 'plain'],
  ['uom', 'plain'],
];
// prettier-ignore
const SENSOR_METADATA: readonly Field[] = [
  ['time', 'time'], ['startTime', 'time'], ['endTime', 'time'], ['deviceID', 'plain'], ['deviceMetadata', 'plain'],
  ['rawData', 'plain'], ['dataProcessingMethod', 'plain'], ['bizRules', 'plain'],
];
// prettier-ignore
const SENSOR_REPORT: readonly Field[] = [
  ['type', 'gs1'], ['exception', 'gs1'], ['deviceID', 'plain'], ['deviceMetadata', 'plain'], ['rawData', 'plain'],
  ['dataProcessingMethod', 'plain'], ['time', 'time'], ['microorganism', 'plain'], ['chemicalSubstance', 'plain'],
  ['value', 'plain'], ['component', 'Comp'], ['stringValue', 'plain'], ['booleanValue', 'plain'],
  ['hexBinaryValue', 'plain'], ['uriValue', 'plain'], ['minValue', 'plain'], ['maxValue', 'plain'],
  ['meanValue', 'plain'], ['sDev', 'plain'], ['percRank', 'plain'], ['percValue', 'plain'], ['uom', 'plain'],
  ['coordinateReferenceSystem', 'plain'],
];

class PreHashBuilder {
  constructor(private readonly ns: Namespaces) {}

  /** One value, normalised; `undefined` for an absent or empty value. */
  scalar(value: unknown, kind: Kind): string | undefined {
    if (typeof value === 'boolean') return String(value);
    if (typeof value === 'number') return canonicalNumber(value);
    if (typeof value !== 'string') return undefined;
    const text = value.trim();
    if (text === '') return undefined;
    switch (kind) {
      case 'time':
        return canonicalTimestamp(text);
      case 'gs1':
        if (!text.includes(':')) return GS1_VOC + text;
        return text.startsWith('gs1:') ? GS1_VOC + text.slice(4) : hashCanonicalId(text);
      case 'plain':
        return isNumericText(text) ? canonicalNumber(text) : hashCanonicalId(text);
      default:
        return expandCbv(kind, text);
    }
  }

  /** `name=value`; an array gives one `name=value` per element, sorted; an object is taken as an extension. */
  field(obj: Obj, name: string, kind: Kind): string {
    const value = obj[name];
    if (isObj(value)) return this.generic(name, value).join('');
    const values = Array.isArray(value) ? value : [value];
    return values
      .map((v) => (isObj(v) ? this.generic(name, v).join('') : this.keyValue(name, this.scalar(v, kind))))
      .sort(byCodePoint)
      .join('');
  }

  keyValue = (name: string, text: string | undefined): string =>
    text === undefined ? '' : `${name}=${text}`;

  /** The listed fields in order, then whatever else the object carries, as extensions. */
  ordered(obj: Obj, fields: readonly Field[]): string {
    const known = new Set(fields.map(([n]) => n));
    return fields.map(([n, k]) => this.field(obj, n, k)).join('') + this.extensions(obj, known);
  }

  /** `name` followed by its children, or nothing when it has none. */
  wrap = (name: string, inner: string): string => (inner === '' ? '' : name + inner);

  /** A list of sub-objects: each becomes `itemName` + its fields; the items are sorted. */
  objectList(value: unknown, itemName: string, render: (item: Obj) => string): string {
    if (!Array.isArray(value)) return isObj(value) ? this.wrap(itemName, render(value)) : '';
    return value
      .filter(isObj)
      .map((item) => this.wrap(itemName, render(item)))
      .sort(byCodePoint)
      .join('');
  }

  /** bizTransactionList / sourceList / destinationList: `type=…` precedes the value in each entry. */
  typedList(event: Obj, listName: string, valueName: string, vocabulary: CbvVocabulary): string {
    const fields: readonly Field[] = [
      ['type', vocabulary],
      [valueName, 'plain'],
    ];
    return this.wrap(
      listName,
      this.objectList(event[listName], '', (e) => this.ordered(e, fields)),
    );
  }

  sensorElement(element: Obj): string {
    const metadata = element.sensorMetadata;
    return (
      (isObj(metadata) ? this.wrap('sensorMetadata', this.ordered(metadata, SENSOR_METADATA)) : '') +
      this.objectList(element.sensorReport, 'sensorReport', (r) => this.ordered(r, SENSOR_REPORT)) +
      this.extensions(element, new Set(['sensorMetadata', 'sensorReport']))
    );
  }

  /** User extension elements, each `{namespace}name=value` or `{namespace}name` + children, sorted. */
  extensions(obj: Obj, known: ReadonlySet<string>): string {
    return Object.keys(obj)
      .filter((k) => !known.has(k) && !k.startsWith('@'))
      .flatMap((k) => this.generic(k, obj[k]))
      .sort(byCodePoint)
      .join('');
  }

  generic(key: string, value: unknown): string[] {
    const name = qualifiedName(key, this.ns);
    if (Array.isArray(value)) return value.flatMap((v) => this.generic(key, v));
    if (isObj(value)) {
      if ('@value' in value) return this.generic(key, value['@value']);
      return [name + this.extensions(value, new Set())];
    }
    if (value === null || value === undefined) return [];
    const text = this.scalar(value, 'plain');
    return [text === undefined ? name : `${name}=${text}`];
  }

  event(event: Obj): string {
    const list = (name: string): string => {
      const v = event[name];
      const epcs = (Array.isArray(v) ? v : [v]).map((e) => this.keyValue('epc', this.scalar(e, 'plain')));
      return this.wrap(name, epcs.sort(byCodePoint).join(''));
    };
    const quantities = (name: string): string =>
      this.wrap(
        name,
        this.objectList(event[name], 'quantityElement', (q) => this.ordered(q, QUANTITY_ELEMENT)),
      );
    const place = (name: string): string => {
      const v = event[name];
      return isObj(v)
        ? this.wrap(name, this.ordered(v, [['id', 'plain']]))
        : this.field(event, name, 'plain');
    };
    const persistent = event.persistentDisposition;
    const parts = [
      `eventType=${String(event.type)}`,
      this.field(event, 'eventTime', 'time'),
      this.field(event, 'eventTimeZoneOffset', 'plain'),
      this.field(event, 'certificationInfo', 'plain'),
      list('epcList'),
      this.field(event, 'parentID', 'plain'),
      list('inputEPCList'),
      list('childEPCs'),
      quantities('quantityList'),
      quantities('childQuantityList'),
      quantities('inputQuantityList'),
      list('outputEPCList'),
      quantities('outputQuantityList'),
      this.field(event, 'action', 'plain'),
      this.field(event, 'transformationID', 'plain'),
      this.field(event, 'bizStep', 'BizStep'),
      this.field(event, 'disposition', 'Disp'),
      isObj(persistent)
        ? this.wrap(
            'persistentDisposition',
            this.ordered(persistent, [
              ['set', 'Disp'],
              ['unset', 'Disp'],
            ]),
          )
        : '',
      place('readPoint'),
      place('bizLocation'),
      this.typedList(event, 'bizTransactionList', 'bizTransaction', 'BTT'),
      // The published vectors put destinationList before sourceList, unlike the EPCIS field order.
      this.typedList(event, 'destinationList', 'destination', 'SDT'),
      this.typedList(event, 'sourceList', 'source', 'SDT'),
      this.wrap(
        'sensorElementList',
        this.objectList(event.sensorElementList, 'sensorElement', (e) => this.sensorElement(e)),
      ),
      isObj(event.ilmd) ? this.wrap('ilmd', this.extensions(event.ilmd, new Set())) : '',
    ];
    return parts.join('') + this.extensions(event, new Set([...IGNORED, ...ORDERED_FIELDS]));
  }
}

// prettier-ignore
const ORDERED_FIELDS = [
  'eventTime', 'eventTimeZoneOffset', 'certificationInfo', 'epcList', 'parentID', 'inputEPCList', 'childEPCs',
  'quantityList', 'childQuantityList', 'inputQuantityList', 'outputEPCList', 'outputQuantityList', 'action',
  'transformationID', 'bizStep', 'disposition', 'persistentDisposition', 'readPoint', 'bizLocation',
  'bizTransactionList', 'destinationList', 'sourceList', 'sensorElementList', 'ilmd',
];

/**
 * The CBV 2.0 §8.9 pre-hash string of one EPCIS 2.0 event in JSON(-LD) form.
 *
 * @param event - the event object (`type`, `eventTime`, … as in an EPCIS document's `eventList`).
 * @param context - the JSON-LD `@context` of the document the event came in (string, object or array of them);
 *   it tells the namespaces of extension fields such as `example:myField`. The event's own `@context`, if any,
 *   is read too.
 * @throws ChaincodeError `INVALID_ARGUMENT` when `event` is not an object with a string `type`.
 */
export function eventPreHash(event: object, context?: unknown): string {
  if (!isObj(event) || typeof event.type !== 'string' || event.type === '') {
    throw invalid('type', 'an EPCIS event is an object with a string type');
  }
  return new PreHashBuilder(namespacesOf(context, event['@context'])).event(event);
}
