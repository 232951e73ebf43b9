/**
 * Value normalisation rules of the CBV 2.0 event hash (§8.9): timestamps in UTC at millisecond precision, numbers
 * without superfluous zeros or signs. Both are pure functions of their input: no clock, no locale.
 */

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * `2020-03-04T11:00:30.1415+01:00` → `2020-03-04T10:00:30.142Z`. A fourth decimal of 5-9 rounds the
 * millisecond up (as the published vectors do); further digits are ignored. A timestamp without an offset is read
 * as UTC. Text that is not an ISO 8601 date-time is returned unchanged.
 */
export function canonicalTimestamp(text: string): string {
  const m = ISO_DATE_TIME.exec(text.trim());
  if (m === null) return text;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  let ms = Number(frac.slice(0, 3).padEnd(3, '0'));
  if (Number(frac.charAt(3) || '0') >= 5) ms += 1;
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  const epochMs =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) +
    ms -
    offsetMinutes * 60_000;
  return new Date(epochMs).toISOString();
}

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Whether `text` is a decimal number in the sense of the hash rules (and so gets `canonicalNumber`). */
export const isNumericText = (text: string): boolean => NUMERIC.test(text.trim());

/**
 * Shortest text of a number as the reference implementation writes it (Python `repr` of a float, integers
 * without `.0`): `26.0` → `26`, `+0.50` → `0.5`, `0.00001` → `1e-05`. JSON numbers and numeric strings
 * hash alike, so `"value": 26` and an XML `<value>26.0</value>` give the same pre-hash.
 */
export function canonicalNumber(value: number | string): string {
  const n = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isFinite(n)) return String(value);
  if (Number.isInteger(n)) return BigInt(n).toString();
  if (Math.abs(n) >= 1e-4) return String(n);
  // Python switches to exponent notation below 1e-4 and pads the exponent to two digits; JavaScript does neither.
  const [mantissa = '', exponent = ''] = n.toExponential().split('e');
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
}
