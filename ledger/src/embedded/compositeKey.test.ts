import { createCompositeKey, splitCompositeKey } from './compositeKey';

// fabric-shim's own implementation, to compare byte for byte (its methods do not use `this`).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ShimStub = require('fabric-shim/lib/stub') as {
  prototype: {
    createCompositeKey(t: string, a: string[]): string;
    splitCompositeKey(k: string): { objectType: string | null; attributes: string[] };
  };
};

describe('composite keys', () => {
  const cases: [string, string[]][] = [
    ['passage', ['urn:epc:id:sgtin:0614141.812345.6789', '0001']],
    ['lot', ['09506000134352', 'L-2026/11']],
    ['owner', []],
    ['ünïcode', ['日本', '🚚']],
  ];

  it.each(cases)('encodes %s like fabric-shim', (type, attrs) => {
    expect(createCompositeKey(type, attrs)).toBe(ShimStub.prototype.createCompositeKey(type, attrs));
  });

  it.each(cases)('splits %s like fabric-shim', (type, attrs) => {
    const key = createCompositeKey(type, attrs);
    expect(splitCompositeKey(key)).toEqual(ShimStub.prototype.splitCompositeKey(key));
    expect(splitCompositeKey(key)).toEqual({ objectType: type, attributes: attrs });
  });

  it('refuses empty parts, as fabric-shim does', () => {
    expect(() => createCompositeKey('', ['a'])).toThrow(
      'object type or attribute not a non-zero length string',
    );
    expect(() => createCompositeKey('t', ['a', ''])).toThrow(
      'object type or attribute not a non-zero length string',
    );
  });

  it('treats a simple key as having no object type', () => {
    expect(splitCompositeKey('plain')).toEqual({ objectType: null, attributes: [] });
  });
});
