/**
 * GS1 identification keys as Trace stores them. Every identifier on the ledger is a canonical GS1 Digital Link
 * URI on id.gs1.org (EPCIS 2.0 accepts DL URIs wherever an EPC URN may stand), so one string names one thing
 * whatever the reader reported. EPC URNs are converted on the way in (TDS §7: the company prefix length is in
 * the URN, so no prefix registry is needed here).
 */
import { invalid } from '../errors';
import { epcUrnToDigitalLink } from './hashForm';
import { gs1CheckDigit, hasValidCheckDigit } from './checkDigit';
import { parseGtin } from './gtin';

export const DL_BASE = 'https://id.gs1.org';

export { hasValidCheckDigit };

/** The check digit completing `bodyDigits`; refuses non-digits as bad input, naming the field. */
export function checkDigitFor(bodyDigits: string, field = 'digits'): string {
  if (!/^\d+$/.test(bodyDigits)) throw invalid(field, `${bodyDigits} is not numeric`);
  return gs1CheckDigit(bodyDigits);
}

/** GTIN-8/12/13/14 → GTIN-14, check digit verified; refuses anything else as bad input, naming the field. */
export function normaliseGtin(value: string, field = 'gtin'): string {
  const result = parseGtin(value);
  if (result.ok) return result.gtin;
  throw invalid(
    field,
    result.problem === 'length' ? 'a GTIN has 8, 12, 13 or 14 digits' : `check digit of ${value} is wrong`,
  );
}

function fixedKey(value: string, length: number, field: string, name: string): string {
  if (!new RegExp(`^\\d{${length}}$`).test(value)) throw invalid(field, `a ${name} has ${length} digits`);
  if (!hasValidCheckDigit(value)) throw invalid(field, `check digit of ${value} is wrong`);
  return value;
}

export const normaliseGln = (v: string, field = 'gln'): string => fixedKey(v, 13, field, 'GLN');
export const normaliseSscc = (v: string, field = 'sscc'): string => fixedKey(v, 18, field, 'SSCC');

/** AI 10 (batch/lot) and AI 21 (serial): 1-20 characters of GS1 AI encodable character set 82. */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;

export function checkCset82(value: string, field: string): string {
  if (!CSET82.test(value)) throw invalid(field, '1-20 characters of the GS1 character set 82');
  return value;
}

/** Percent-encode everything but RFC 3986 unreserved characters, so the canonical form is unique. */
const dlEscape = (s: string): string =>
  Array.from(Buffer.from(s, 'utf8'))
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9\-._~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');

export const productId = (gtin: string): string => `${DL_BASE}/01/${gtin}`;
export const lotId = (gtin: string, lot: string): string => `${DL_BASE}/01/${gtin}/10/${dlEscape(lot)}`;
export const itemId = (gtin: string, serial: string): string =>
  `${DL_BASE}/01/${gtin}/21/${dlEscape(serial)}`;
export const ssccId = (sscc: string): string => `${DL_BASE}/00/${sscc}`;
export const locationId = (gln: string, extension?: string): string =>
  extension && extension !== '0'
    ? `${DL_BASE}/414/${gln}/254/${dlEscape(extension)}`
    : `${DL_BASE}/414/${gln}`;

/** What a canonical identifier names. */
export type Gs1Key =
  | { kind: 'product'; id: string; gtin: string }
  | { kind: 'lot'; id: string; gtin: string; lot: string }
  | { kind: 'item'; id: string; gtin: string; serial: string }
  | { kind: 'sscc'; id: string; sscc: string }
  | { kind: 'location'; id: string; gln: string; extension?: string };

const decode = (s: string, field: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    throw invalid(field, 'bad percent-encoding');
  }
};

function fromDigitalLink(uri: string, field: string): Gs1Key {
  const url = /^https?:\/\/[^/]+((?:\/[^/?#]*)*)(?:[?#].*)?$/.exec(uri);
  if (!url) throw invalid(field, `${uri} is not a GS1 Digital Link URI`);
  const parts = (url[1] ?? '').split('/').filter((p) => p !== '');
  // The primary key may follow a path prefix (GS1 DL 1.4 §4.1); find it from the end.
  const at = parts.findIndex((p, i) => ['01', '00', '414'].includes(p) && i + 1 < parts.length);
  if (at < 0) throw invalid(field, `${uri} carries no GTIN, SSCC or GLN`);
  const [ai, key, q1, v1, ...rest] = parts.slice(at);
  if (ai === '00' && q1 === undefined) {
    const sscc = normaliseSscc(key!, field);
    return { kind: 'sscc', id: ssccId(sscc), sscc };
  }
  if (ai === '414') {
    const gln = normaliseGln(key!, field);
    if (q1 === undefined) return { kind: 'location', id: locationId(gln), gln };
    if (q1 === '254' && v1 !== undefined && rest.length === 0) {
      const ext = checkCset82(decode(v1, field), field);
      return { kind: 'location', id: locationId(gln, ext), gln, extension: ext };
    }
  }
  if (ai === '01') {
    const gtin = normaliseGtin(key!, field);
    if (q1 === undefined) return { kind: 'product', id: productId(gtin), gtin };
    // A lot-and-serial link names the item; the lot is master data of the item.
    const tail = rest.length === 2 && rest[0] === '21' ? { q: '21', v: rest[1]! } : undefined;
    if (q1 === '10' && v1 !== undefined && (rest.length === 0 || tail)) {
      if (tail) {
        const serial = checkCset82(decode(tail.v, field), field);
        return { kind: 'item', id: itemId(gtin, serial), gtin, serial };
      }
      const lot = checkCset82(decode(v1, field), field);
      return { kind: 'lot', id: lotId(gtin, lot), gtin, lot };
    }
    if (q1 === '21' && v1 !== undefined && rest.length === 0) {
      const serial = checkCset82(decode(v1, field), field);
      return { kind: 'item', id: itemId(gtin, serial), gtin, serial };
    }
  }
  throw invalid(field, `${uri} is not a Digital Link Trace understands`);
}

function fromEpcUrn(urn: string, field: string): Gs1Key {
  const m = /^urn:epc:(id|class):([a-z]+):([^:]+)$/.exec(urn);
  if (!m) throw invalid(field, `${urn} is not an EPC URN`);
  const [, , scheme, body] = m;
  const parts = body!.split('.');
  const gtinOf = (cp: string, ref: string): string => {
    if (cp.length + ref.length !== 13)
      throw invalid(field, `${urn}: prefix and reference must total 13 digits`);
    const body13 = ref.slice(0, 1) + cp + ref.slice(1);
    return body13 + checkDigitFor(body13, field);
  };
  if ((scheme === 'sgtin' || scheme === 'lgtin') && parts.length === 3) {
    const gtin = normaliseGtin(gtinOf(parts[0]!, parts[1]!), field);
    const value = checkCset82(decode(parts[2]!, field), field);
    return scheme === 'sgtin'
      ? { kind: 'item', id: itemId(gtin, value), gtin, serial: value }
      : { kind: 'lot', id: lotId(gtin, value), gtin, lot: value };
  }
  if (scheme === 'idpat' || parts.length < 2) throw invalid(field, `${urn} is not supported`);
  if (scheme === 'sscc' && parts.length === 2) {
    const [cp, ref] = parts as [string, string];
    const body17 = ref.slice(0, 1) + cp + ref.slice(1);
    const sscc = normaliseSscc(body17 + checkDigitFor(body17, field), field);
    return { kind: 'sscc', id: ssccId(sscc), sscc };
  }
  if (scheme === 'sgln' && parts.length === 3) {
    const body12 = parts[0]! + parts[1]!;
    const gln = normaliseGln(body12 + checkDigitFor(body12, field), field);
    const ext = parts[2] === '0' ? undefined : decode(parts[2]!, field);
    return { kind: 'location', id: locationId(gln, ext), gln, ...(ext ? { extension: ext } : {}) };
  }
  throw invalid(field, `${urn} is not a supported EPC scheme`);
}

/** Parse any accepted identifier (Digital Link URI or EPC URN) into its canonical key. */
export function parseGs1Key(value: string, field = 'id'): Gs1Key {
  if (typeof value !== 'string' || value.length === 0 || value.length > 512) {
    throw invalid(field, 'an identifier is a non-empty URI of at most 512 characters');
  }
  return value.startsWith('urn:epc:') ? fromEpcUrn(value, field) : fromDigitalLink(value, field);
}

/**
 * The validating canonical form, used for index keys: any accepted identifier → its canonical ID, refusing a
 * malformed GS1 key. (The event hash's permissive form is `hashCanonicalId`.) Non-GS1 URIs (e.g. `geo:` or private
 * URNs) pass unchanged.
 */
export function canonicalId(value: string, field = 'id'): string {
  if (value.startsWith('urn:epc:')) {
    try {
      return parseGs1Key(value, field).id;
    } catch (error) {
      // Schemes Trace does not model as products, lots or items (GIAI, GRAI, GDTI…, EPC patterns) still get
      // the CBV 2.0 canonical Digital Link that the event hash uses, so one thing has one index key.
      const dl = epcUrnToDigitalLink(value);
      if (dl !== undefined) return dl;
      throw error;
    }
  }
  if (/^https?:\/\/[^/]+\/(?:.*\/)?(01|00|414)\/\d/.test(value)) return parseGs1Key(value, field).id;
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(value) || value.length > 512)
    throw invalid(field, `${value} is not a URI`);
  return value;
}
