/** Fabric's key encoding, byte for byte as fabric-shim does it (stub.js), so keys written here read back on Fabric. */

/** Composite keys live in the namespace that starts with U+0000. */
export const COMPOSITE_KEY_NS = '\u0000';
/** Separator between composite-key parts. */
export const MIN_UNICODE_RUNE = '\u0000';
/** Appended to a partial composite key to form the exclusive end of its range. */
export const MAX_UNICODE_RUNE = '\u{10ffff}';
/** fabric-shim substitutes an empty range start with U+0001 so simple-key ranges never reach composite keys. */
export const EMPTY_KEY_SUBSTITUTE = '\u0001';

function checkPart(part: unknown): asserts part is string {
  if (typeof part !== 'string' || part.length === 0)
    throw new Error('object type or attribute not a non-zero length string');
}

/** `\0objectType\0attr1\0attr2\0`, as fabric-shim's `createCompositeKey`. */
export function createCompositeKey(objectType: string, attributes: readonly string[]): string {
  checkPart(objectType);
  if (!Array.isArray(attributes)) throw new Error('attributes must be an array');
  let key = COMPOSITE_KEY_NS + objectType + MIN_UNICODE_RUNE;
  for (const attribute of attributes) {
    checkPart(attribute);
    key += attribute + MIN_UNICODE_RUNE;
  }
  return key;
}

/** Inverse of {@link createCompositeKey}; `objectType` is null for a simple key, as in fabric-shim. */
export function splitCompositeKey(compositeKey: string): { objectType: string | null; attributes: string[] } {
  const result: { objectType: string | null; attributes: string[] } = { objectType: null, attributes: [] };
  if (compositeKey && compositeKey.length > 1 && compositeKey.startsWith(COMPOSITE_KEY_NS)) {
    const parts = compositeKey.substring(1).split(MIN_UNICODE_RUNE);
    result.objectType = parts[0] ?? null;
    parts.pop();
    if (parts.length > 1) {
      parts.shift();
      result.attributes = parts;
    }
  }
  return result;
}

/** fabric-shim rejects simple keys that start in the composite-key namespace. */
export function assertSimpleKey(key: string): void {
  if (key.startsWith(COMPOSITE_KEY_NS)) {
    throw new Error(`first character of the key [${key}] contains a null character which is not allowed`);
  }
}
