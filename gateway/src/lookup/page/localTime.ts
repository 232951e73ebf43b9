/** Times as the recorder's clock read them: EPCIS keeps eventTime and its eventTimeZoneOffset apart. */

const OFFSET = /^([+-])(\d\d):(\d\d)$/;

/**
 * `2026-03-01T15:00:00.000Z` with offset `-05:00` → `2026-03-01T10:00:00-05:00` (seconds precision: a consumer
 * page has no use for milliseconds). An unreadable offset falls back to UTC rather than hiding the stage.
 */
export function localTime(instant: string, offset: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not a date-time: ${instant}`);
  const m = OFFSET.exec(offset);
  const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const shifted = new Date(ms + minutes * 60_000).toISOString().slice(0, 19);
  return shifted + (m && minutes !== 0 ? offset : '+00:00');
}

/** The calendar date (UTC) of an instant: `2026-03-01`. */
export const utcDate = (instant: string): string => new Date(Date.parse(instant)).toISOString().slice(0, 10);

// prettier-ignore
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * `2026-03-01T10:00:00-05:00` → `1 Mar 2026, 10:00 (UTC−05:00)`. Formatted by hand, not with Intl, so the page
 * reads the same whatever the server's locale and time zone.
 */
export function formatLocalTime(local: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):\d\d([+-]\d\d:\d\d)$/.exec(local);
  if (!m) return local;
  const [, y, mo, d, h, mi, off] = m;
  const zone = off === '+00:00' ? 'UTC' : `UTC${off!.replace('-', '\u2212')}`;
  return `${Number(d)} ${MONTHS[Number(mo) - 1] ?? mo} ${y}, ${h}:${mi} (${zone})`;
}

/** `2026-03-01` → `1 Mar 2026`. */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : date;
}
