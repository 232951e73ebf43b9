/**
 * GS1 Digital Link URIs with a GTIN primary key (GS1 Digital Link URI syntax 1.4): what a consumer's QR code
 * holds. The path is parsed here so each failure gets its own code; digital-link.js then checks the result
 * against the standard's ABNF grammar.
 */
import { DigitalLink } from 'digital-link.js';
import { parseGtin } from '../../../../chaincode/src/api';
import { ScanDecodeError } from './scanDecodeError';

/** A parsed GTIN Digital Link. Qualifier values are percent-decoded. */
export interface ParsedDigitalLink {
  /** GTIN-14 (GTIN-8/12/13 padded with leading zeros). */
  readonly gtin: string;
  /** AI 22 consumer product variant. */
  readonly cpv?: string;
  /** AI 10 batch/lot. */
  readonly lot?: string;
  /** AI 21 serial number. */
  readonly serial?: string;
  /** Path before `/01/`, e.g. `/products`; empty when the DL starts at the host. */
  readonly pathPrefix: string;
  /** Query parameters whose names are GS1 Application Identifiers (2–4 digits), e.g. `{ "17": "261231" }`. */
  readonly dataAttributes: Readonly<Record<string, string>>;
  /** `linkType` query parameter (`gs1:pip`, `all`, …), if present. */
  readonly linkType?: string;
}

/** Identity to put into a Digital Link. */
export interface DigitalLinkParts {
  /** GTIN-8, -12, -13 or -14 with its check digit. */
  readonly gtin: string;
  readonly cpv?: string;
  readonly lot?: string;
  readonly serial?: string;
}

const MAX_URI_LENGTH = 2048;
/** scheme://authority, then the path (group 1), up to the query or fragment. */
const RAW_PATH = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/;
/** Key qualifiers of AI 01 in the order the grammar fixes (22, then 10, then 21). */
const QUALIFIERS = [
  { ai: '22', name: 'cpv' },
  { ai: '10', name: 'lot' },
  { ai: '21', name: 'serial' },
] as const;
type QualifierName = (typeof QUALIFIERS)[number]['name'];
/** GS1 General Specifications Figure 7.11-1: the 82-character set of AIs 10, 21 and 22, which take 1–20 chars. */
const GS1_AI82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;

function invalid(field: string, message: string, cause?: unknown): ScanDecodeError {
  return new ScanDecodeError(
    'DIGITAL_LINK_INVALID',
    field,
    message,
    cause === undefined ? undefined : { cause },
  );
}

/** The link's GTIN as GTIN-14, by the one GTIN normaliser; its failures get the scan error codes. */
function gtinOfLink(gtin: string): string {
  const result = parseGtin(gtin);
  if (result.ok) return result.gtin;
  if (result.problem === 'length') throw invalid('gtin', 'GTIN must be 8, 12, 13 or 14 digits');
  throw new ScanDecodeError('GTIN_CHECK_DIGIT', 'gtin', `GTIN ${gtin} has a wrong check digit`);
}

function checkQualifierValue(name: QualifierName, value: string): void {
  if (!GS1_AI82.test(value)) {
    throw invalid(name, `${name} must be 1-20 characters of the GS1 AI encodable character set 82`);
  }
}

/** Index of the `01` segment: the right-most one that leaves an even number of segments (key/value pairs). */
function primaryKeyIndex(segments: readonly string[]): number {
  for (let i = segments.length - 2; i >= 0; i -= 2) {
    if (segments[i] === '01') return i;
  }
  return -1;
}

/**
 * Runs digital-link.js's ABNF check on the DL part (`/01/…` and the query). The library is given an object,
 * not the string: parsing a string first probes it as a compressed DL, which costs ~5× the grammar check.
 * Values stay percent-encoded as in the URI, because the grammar is over the encoded text. Its copy of the 1.4
 * grammar spells DoubleQuote as a literal '"' where the other symbols are percent-encodings, so it refuses the
 * correct %22; it gets the literal instead.
 */
function checkGrammar(url: URL, dlSegments: readonly string[]): void {
  const quoteFix = (text: string): string => text.replace(/%22/gi, '"');
  const keyQualifiers: Record<string, string> = {};
  const keyQualifiersOrder: string[] = [];
  for (let i = 2; i < dlSegments.length; i += 2) {
    keyQualifiers[dlSegments[i]!] = quoteFix(dlSegments[i + 1]!);
    keyQualifiersOrder.push(dlSegments[i]!);
  }
  const attributes: Record<string, string> = {};
  for (const pair of url.search.slice(1).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    attributes[eq < 0 ? pair : pair.slice(0, eq)] = eq < 0 ? '' : quoteFix(pair.slice(eq + 1));
  }
  let grammatical: boolean;
  try {
    grammatical = DigitalLink({
      domain: url.origin,
      identifier: { '01': dlSegments[1]! },
      keyQualifiers,
      keyQualifiersOrder,
      attributes,
    }).isValid();
  } catch (cause) {
    throw invalid('uri', 'not a GS1 Digital Link', cause);
  }
  if (!grammatical) throw invalid('uri', 'does not match the GS1 Digital Link grammar');
}

/**
 * Parses a GS1 Digital Link URI (any host, optional path prefix) with a GTIN primary key.
 * @throws {@link ScanDecodeError} `DIGITAL_LINK_INVALID`, `DIGITAL_LINK_QUALIFIER_ORDER` or `GTIN_CHECK_DIGIT`.
 */
export function parseDigitalLink(uri: unknown): ParsedDigitalLink {
  if (typeof uri !== 'string' || uri.length === 0 || uri.length > MAX_URI_LENGTH) {
    throw invalid('uri', `expected a URI of 1-${MAX_URI_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch (cause) {
    throw invalid('uri', 'not an absolute URI', cause);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid('uri', 'scheme must be http or https');
  }

  // Segments come from the raw text, not url.pathname: WHATWG URL parsing would collapse a lot of "." or ".."
  // (or "%2E%2E") as a dot-segment and re-encode characters, changing the identity.
  const rawPath = RAW_PATH.exec(uri)?.[1] ?? '';
  const segments = rawPath.split('/').slice(1);
  const at = primaryKeyIndex(segments);
  if (at < 0) throw invalid('path', 'no /01/{gtin} primary key in the path');
  const prefix = segments.slice(0, at);
  if (prefix.some((s) => s === '')) throw invalid('path', 'empty segment in the path prefix');

  const gtin = gtinOfLink(segments[at + 1] ?? '');
  const qualifiers: Partial<Record<QualifierName, string>> = {};
  let lastRank = -1;
  for (let i = at + 2; i < segments.length; i += 2) {
    const ai = segments[i] ?? '';
    const rank = QUALIFIERS.findIndex((q) => q.ai === ai);
    if (rank < 0) throw invalid('path', `"${ai}" is not a key qualifier of a GTIN (22, 10, 21)`);
    if (rank <= lastRank) {
      throw new ScanDecodeError(
        'DIGITAL_LINK_QUALIFIER_ORDER',
        'path',
        'key qualifiers must appear once each, in the order /22/…/10/…/21/…',
      );
    }
    lastRank = rank;
    const { name } = QUALIFIERS[rank]!;
    let value: string;
    try {
      value = decodeURIComponent(segments[i + 1] ?? '');
    } catch (cause) {
      throw invalid(name, `${name} has broken percent-encoding`, cause);
    }
    checkQualifierValue(name, value);
    qualifiers[name] = value;
  }

  const dataAttributes: Record<string, string> = {};
  let linkType: string | undefined;
  const seen = new Set<string>();
  for (const [key, value] of url.searchParams) {
    if (seen.has(key)) throw invalid('query', `query parameter "${key}" is repeated`);
    seen.add(key);
    if (key === 'linkType') linkType = value;
    else if (/^\d{2,4}$/.test(key)) dataAttributes[key] = value;
  }

  checkGrammar(url, segments.slice(at));

  return {
    gtin,
    ...qualifiers,
    pathPrefix: prefix.length === 0 ? '' : `/${prefix.join('/')}`,
    dataAttributes,
    ...(linkType === undefined ? {} : { linkType }),
  };
}

/**
 * RFC 3986 §2.3: only unreserved characters stay literal, so one identity has one spelling. A value of "." or
 * ".." is encoded as %2E so that it is never taken for a dot-segment (§5.2.4).
 */
function encodeSegment(value: string): string {
  if (value === '.' || value === '..') return value.replace(/\./g, '%2E');
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Builds Trace's canonical Digital Link: `{base}/01/{gtin14}[/22/{cpv}][/10/{lot}][/21/{serial}]`, qualifier
 * values percent-encoded except for RFC 3986 unreserved characters.
 * @param base scheme, host and optional path prefix, e.g. `https://id.example.com/p`; no query or fragment.
 * @throws {@link ScanDecodeError} `DIGITAL_LINK_INVALID` or `GTIN_CHECK_DIGIT`.
 */
export function buildDigitalLink(base: string, parts: DigitalLinkParts): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch (cause) {
    throw invalid('base', 'base is not an absolute URI', cause);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '') {
    throw invalid('base', 'base must be an http(s) URI without query or fragment');
  }
  let uri = `${url.origin}${url.pathname.replace(/\/+$/, '')}/01/${gtinOfLink(parts.gtin)}`;
  for (const { ai, name } of QUALIFIERS) {
    const value = parts[name];
    if (value === undefined) continue;
    checkQualifierValue(name, value);
    uri += `/${ai}/${encodeSegment(value)}`;
  }
  return uri;
}
