/**
 * The event hash's permissive canonical form of an identifier (CBV 2.0 §8.9): EPC URIs to Digital Links, Digital
 * Links constrained, anything else unchanged; never refuses. The validating form for index keys is `canonicalId`
 * in gs1Keys.ts.
 */
import { withCheckDigit } from './checkDigit';
import { constrainDigitalLink } from './constrainDigitalLink';

/**
 * Canonical GS1 Digital Link form of an identifier, as CBV 2.0 §8.9 requires for the event hash: every EPC URI,
 * EPC class URI and EPC pattern URI becomes `https://id.gs1.org/{AI}/{key}[/{qualifier}/{value}]`, and a Digital
 * Link on any host is constrained to that host, without query string or CPV, at its finest granularity.
 */

const DL_ROOT = 'https://id.gs1.org/';

/** One EPC URI component: the TDS character set, with `%xx` escapes as the EPC URI carries them. */
const URN_TEXT = /^(?:%[0-9A-Fa-f]{2}|[!'()*+,\-.0-9:;=A-Z_a-z])+$/;
const DIGITS = /^\d+$/;

/**
 * Digital Link needs a few characters escaped that an EPC URI leaves bare (GS1 Digital Link 1.x, table 7-1);
 * the `%xx` escapes of the EPC URI are kept as they are.
 */
function dlEscape(text: string): string {
  return text.replace(/[!()*+,:]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Splits on the first `n - 1` dots; the last part keeps any further dots (serials may contain them). */
function splitN(body: string, n: number): string[] | undefined {
  const parts: string[] = [];
  let rest = body;
  for (let i = 0; i < n - 1; i++) {
    const dot = rest.indexOf('.');
    if (dot < 0) return undefined;
    parts.push(rest.slice(0, dot));
    rest = rest.slice(dot + 1);
  }
  parts.push(rest);
  return parts;
}

/** Company prefix (6-12 digits) plus a numeric reference that together have `total` digits. */
function prefixed(cp: string | undefined, ref: string | undefined, total: number): string | undefined {
  if (cp === undefined || ref === undefined) return undefined;
  if (!DIGITS.test(cp) || cp.length < 6 || cp.length > 12) return undefined;
  if (ref !== '' && !DIGITS.test(ref)) return undefined;
  return cp.length + ref.length === total ? cp + ref : undefined;
}

/** GTIN-14 from company prefix and item reference: the indicator digit moves to the front (TDS §7.1). */
function gtin(cp: string | undefined, itemRef: string | undefined): string | undefined {
  const joined = prefixed(cp, itemRef, 13);
  if (joined === undefined || itemRef === undefined || cp === undefined) return undefined;
  return withCheckDigit(itemRef.slice(0, 1) + cp + itemRef.slice(1));
}

const text = (s: string | undefined): string | undefined =>
  s !== undefined && URN_TEXT.test(s) ? dlEscape(s) : undefined;

type Converter = (body: string) => string | undefined;

function join(...segments: (string | undefined)[]): string | undefined {
  return segments.some((s) => s === undefined) ? undefined : DL_ROOT + segments.join('');
}

const ID: Record<string, Converter> = {
  sgtin: (b) => {
    const [cp, ir, ser] = splitN(b, 3) ?? [];
    return join('01/', gtin(cp, ir), '/21/', text(ser));
  },
  sscc: (b) => {
    const [cp, sr] = splitN(b, 2) ?? [];
    const k = prefixed(cp, sr, 17);
    return join('00/', k && withCheckDigit(sr!.slice(0, 1) + cp! + sr!.slice(1)));
  },
  sgln: (b) => {
    const [cp, lr, ext] = splitN(b, 3) ?? [];
    const gln = prefixed(cp, lr, 12);
    if (gln === undefined || ext === undefined) return undefined;
    // Extension "0" means "no extension" in an SGLN (TDS §6.3.3).
    return ext === '0'
      ? join('414/', withCheckDigit(gln))
      : join('414/', withCheckDigit(gln), '/254/', text(ext));
  },
  grai: (b) => {
    const [cp, at, ser] = splitN(b, 3) ?? [];
    const k = prefixed(cp, at, 12);
    return join('8003/', k && withCheckDigit('0' + k), text(ser));
  },
  giai: (b) => {
    const [cp, ref] = splitN(b, 2) ?? [];
    return join('8004/', prefixed(cp, '', cp?.length ?? 0), text(ref));
  },
  gsrn: (b) => {
    const [cp, sr] = splitN(b, 2) ?? [];
    const k = prefixed(cp, sr, 17);
    return join('8018/', k && withCheckDigit(k));
  },
  gsrnp: (b) => {
    const [cp, sr] = splitN(b, 2) ?? [];
    const k = prefixed(cp, sr, 17);
    return join('8017/', k && withCheckDigit(k));
  },
  gdti: (b) => {
    const [cp, dt, ser] = splitN(b, 3) ?? [];
    const k = prefixed(cp, dt, 12);
    return join('253/', k && withCheckDigit(k), ser === '' ? '' : text(ser));
  },
  cpi: (b) => {
    const [cp, ref, ser] = splitN(b, 3) ?? [];
    if (ser === undefined || !DIGITS.test(ser)) return undefined;
    return join('8010/', prefixed(cp, '', cp?.length ?? 0), text(ref), '/8011/', ser);
  },
  sgcn: (b) => {
    const [cp, cr, ser] = splitN(b, 3) ?? [];
    const k = prefixed(cp, cr, 12);
    if (ser === undefined || (ser !== '' && !DIGITS.test(ser))) return undefined;
    return join('255/', k && withCheckDigit(k), ser);
  },
  ginc: (b) => {
    const [cp, ref] = splitN(b, 2) ?? [];
    return join('401/', prefixed(cp, '', cp?.length ?? 0), text(ref));
  },
  gsin: (b) => {
    const [cp, sr] = splitN(b, 2) ?? [];
    const k = prefixed(cp, sr, 16);
    return join('402/', k && withCheckDigit(k));
  },
  itip: (b) => {
    const [cp, ir, piece, total, ser] = splitN(b, 5) ?? [];
    if (!/^\d\d$/.test(piece ?? '') || !/^\d\d$/.test(total ?? '')) return undefined;
    return join('8006/', gtin(cp, ir), piece, total, '/21/', text(ser));
  },
  upui: (b) => {
    const [cp, ir, tpx] = splitN(b, 3) ?? [];
    return join('01/', gtin(cp, ir), '/235/', text(tpx));
  },
  pgln: (b) => {
    const [cp, pr] = splitN(b, 2) ?? [];
    const k = prefixed(cp, pr, 12);
    return join('417/', k && withCheckDigit(k));
  },
};

const CLASS: Record<string, Converter> = {
  lgtin: (b) => {
    const [cp, ir, lot] = splitN(b, 3) ?? [];
    return join('01/', gtin(cp, ir), '/10/', text(lot));
  },
};

/** EPC pattern URIs: only the "whole class" form (`.*` in the last position) has a Digital Link equivalent. */
const IDPAT: Record<string, Converter> = {
  sgtin: (b) => {
    const [cp, ir, star] = splitN(b, 3) ?? [];
    return star === '*' ? join('01/', gtin(cp, ir)) : undefined;
  },
  upui: (b) => IDPAT.sgtin!(b),
  grai: (b) => {
    const [cp, at, star] = splitN(b, 3) ?? [];
    const k = prefixed(cp, at, 12);
    return star === '*' ? join('8003/', k && withCheckDigit('0' + k)) : undefined;
  },
  gdti: (b) => {
    const [cp, dt, star] = splitN(b, 3) ?? [];
    const k = prefixed(cp, dt, 12);
    return star === '*' ? join('253/', k && withCheckDigit(k)) : undefined;
  },
  sgcn: (b) => {
    const [cp, cr, star] = splitN(b, 3) ?? [];
    const k = prefixed(cp, cr, 12);
    return star === '*' ? join('255/', k && withCheckDigit(k)) : undefined;
  },
  cpi: (b) => {
    const [cp, ref, star] = splitN(b, 3) ?? [];
    return star === '*' ? join('8010/', prefixed(cp, '', cp?.length ?? 0), text(ref)) : undefined;
  },
  itip: (b) => {
    const [cp, ir, piece, total, star] = splitN(b, 5) ?? [];
    if (star !== '*' || !/^\d\d$/.test(piece ?? '') || !/^\d\d$/.test(total ?? '')) return undefined;
    return join('8006/', gtin(cp, ir), piece, total);
  },
};

const URN_TABLES: Record<string, Record<string, Converter>> = { id: ID, class: CLASS, idpat: IDPAT };

/** Converts an EPC URI / EPC class URI / EPC pattern URI; `undefined` when `uri` is none of them. */
export function epcUrnToDigitalLink(uri: string): string | undefined {
  const m = /^urn:epc:(id|class|idpat):([a-z]+):(.+)$/.exec(uri);
  if (m === null) return undefined;
  const table = URN_TABLES[m[1]!]!;
  const scheme = m[2]!;
  return Object.hasOwn(table, scheme) ? table[scheme]!(m[3]!) : undefined;
}

/**
 * The canonical identifier CBV 2.0 §8.9 hashes: an EPC URI becomes a Digital Link, a Digital Link is
 * constrained; anything else (a URN of another kind, a `geo:` URI, a private URL) is returned unchanged.
 */
export function hashCanonicalId(value: string): string {
  return epcUrnToDigitalLink(value) ?? constrainDigitalLink(value) ?? value;
}
