/**
 * The one serializer for everything Trace writes: state, private data, events and return values.
 * Keys are sorted recursively so that every endorsing peer produces byte-identical write sets; the contract
 * API's own JSON serializer does not sort keys, and two peers disagreeing on key order fail endorsement.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function sortValue(value: unknown): Json {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError('marshal: non-finite number');
    }
    return value as Json;
  }
  if (Array.isArray(value)) {
    // `undefined` in an array becomes null, as JSON.stringify would do.
    return value.map((item) => (item === undefined ? null : sortValue(item)));
  }
  const out: Record<string, Json> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) out[key] = sortValue(item);
  }
  return out;
}

/** Serialise to canonical JSON text: recursively sorted keys, no `undefined`, no whitespace. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortValue(value));
}

/** Serialise to the UTF-8 bytes that go into state, private data or a chaincode event. */
export function marshal(value: unknown): Uint8Array {
  return Buffer.from(canonicalJson(value), 'utf8');
}

/** Parse bytes written by {@link marshal}; callers then check the shape with the object's own schema. */
export function unmarshalJson(bytes: Uint8Array): unknown {
  return JSON.parse(Buffer.from(bytes).toString('utf8'));
}
