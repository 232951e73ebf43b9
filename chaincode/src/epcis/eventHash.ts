import { createHash } from 'node:crypto';
import { eventPreHash } from './preHash';

/**
 * CBV 2.0 Event Hash ID (§8.9): SHA-256 over the UTF-8 pre-hash string, as an RFC 6920 `ni` URI with the CBV
 * version. Deterministic, so every endorsing peer computes the same ID for the same event.
 */

export { eventPreHash } from './preHash';

const NI_PREFIX = 'ni:///sha-256;';
const NI_SUFFIX = '?ver=CBV2.0';

/** `ni:///sha-256;<64 lower-case hex>?ver=CBV2.0` for a pre-hash string. */
export function hashIdOfPreHash(preHash: string): string {
  return NI_PREFIX + createHash('sha256').update(preHash, 'utf8').digest('hex') + NI_SUFFIX;
}

/**
 * The Event Hash ID of an EPCIS 2.0 event.
 *
 * @param context - the document's JSON-LD `@context`, needed only when the event has extension fields.
 */
export function eventHashId(event: object, context?: unknown): string {
  return hashIdOfPreHash(eventPreHash(event, context));
}

/** Outcome of {@link checkEventId}. */
export interface EventIdCheck {
  /** True when the event carries an `eventID` equal to the computed hash ID. */
  readonly valid: boolean;
  /** The hash ID computed from the event. */
  readonly expected: string;
  /** The event's own `eventID`, if it has a string one. */
  readonly actual: string | undefined;
}

/**
 * Compares the event's `eventID` with its CBV 2.0 Event Hash ID. The hex digest is compared case-insensitively
 * (RFC 6920 leaves its case open), the rest exactly. An event without an `eventID` is not valid.
 */
export function checkEventId(event: object, context?: unknown): EventIdCheck {
  const expected = eventHashId(event, context);
  const id = (event as { eventID?: unknown }).eventID;
  const actual = typeof id === 'string' ? id : undefined;
  const valid =
    actual !== undefined &&
    actual.length === expected.length &&
    actual.startsWith(NI_PREFIX) &&
    actual.endsWith(NI_SUFFIX) &&
    actual.slice(NI_PREFIX.length, -NI_SUFFIX.length).toLowerCase() ===
      expected.slice(NI_PREFIX.length, -NI_SUFFIX.length);
  return { valid, expected, actual };
}

/** Whether the event's `eventID` equals its computed CBV 2.0 Event Hash ID (see {@link checkEventId}). */
export const verifyEventId = (event: object, context?: unknown): boolean =>
  checkEventId(event, context).valid;
