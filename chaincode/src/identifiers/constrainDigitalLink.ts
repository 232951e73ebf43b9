/**
 * Constrains a GS1 Digital Link URI to the form CBV 2.0 §8.9 hashes: host `id.gs1.org`, numeric AIs instead
 * of the short names of Digital Link 1.0 (`/gtin/` → `/01/`), GTIN padded to 14 digits, no query string or
 * fragment, no CPV (AI 22), and only the finest granularity (a serial makes the lot redundant).
 */

// prettier-ignore
const PRIMARY: Readonly<Record<string, string>> = {
  '00': '00', '01': '01', '253': '253', '255': '255', '401': '401', '402': '402', '414': '414', '417': '417',
  '8003': '8003', '8004': '8004', '8006': '8006', '8010': '8010', '8017': '8017', '8018': '8018',
  sscc: '00', gtin: '01', gdti: '253', gcn: '255', ginc: '401', gsin: '402', gln: '414', party: '417',
  grai: '8003', giai: '8004', itip: '8006', cpid: '8010', gsrnp: '8017', gsrn: '8018',
};

// prettier-ignore
const QUALIFIER: Readonly<Record<string, string>> = {
  '22': '22', '10': '10', '21': '21', '235': '235', '254': '254', '8011': '8011', cpv: '22', lot: '10', ser: '21',
};

/** Shape of each primary key's value, after GTIN padding; a mismatch means "not a Digital Link". */
const KEY_SHAPE: Readonly<Record<string, RegExp>> = {
  '00': /^\d{18}$/,
  '01': /^\d{14}$/,
  '253': /^\d{13}.{0,17}$/,
  '255': /^\d{13}\d{0,12}$/,
  '401': /^.{1,30}$/,
  '402': /^\d{17}$/,
  '414': /^\d{13}$/,
  '417': /^\d{13}$/,
  '8003': /^\d{14}.{0,16}$/,
  '8004': /^.{1,30}$/,
  '8006': /^\d{18}$/,
  '8010': /^.{1,30}$/,
  '8017': /^\d{18}$/,
  '8018': /^\d{18}$/,
};

const DL_SHAPE = /^https?:\/\/[^/?#]+(\/[^?#]*)?(\?[^#]*)?(#.*)?$/;

function padGtin(value: string): string {
  return /^(\d{8}|\d{12}|\d{13})$/.test(value) ? value.padStart(14, '0') : value;
}

/** The constrained Digital Link, or `undefined` when `uri` is not a Digital Link with a GS1 primary key. */
export function constrainDigitalLink(uri: string): string | undefined {
  const m = DL_SHAPE.exec(uri);
  if (m === null) return undefined;
  const segments = (m[1] ?? '').split('/').filter((s) => s !== '');
  // A Digital Link may sit under any path prefix; the primary key is the first key segment whose value starts
  // with four digits (every GS1 key starts with a GS1 Company Prefix or a GTIN indicator + prefix).
  const start = segments.findIndex(
    (s, i) => Object.hasOwn(PRIMARY, s) && /^\d{4}/.test(segments[i + 1] ?? ''),
  );
  if (start < 0) return undefined;
  const key = PRIMARY[segments[start]!]!;
  const keyValue = key === '01' ? padGtin(segments[start + 1]!) : segments[start + 1]!;
  if (!KEY_SHAPE[key]!.test(keyValue)) return undefined;

  const rest = segments.slice(start + 2);
  if (rest.length % 2 !== 0) return undefined;
  const qualifiers = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    const q = rest[i]!;
    if (!Object.hasOwn(QUALIFIER, q)) return undefined;
    qualifiers.set(QUALIFIER[q]!, rest[i + 1]!);
  }
  qualifiers.delete('22');
  if (qualifiers.has('21')) qualifiers.delete('10');

  let out = `https://id.gs1.org/${key}/${keyValue}`;
  // Digital Link fixes the qualifier order (22, 10, 21); the others never combine with 10/21.
  for (const q of ['10', '21', '235', '254', '8011']) {
    const v = qualifiers.get(q);
    if (v !== undefined) out += `/${q}/${v}`;
  }
  return out;
}
