import { canonicalJson, marshal, unmarshalJson } from './marshal';

describe('marshal', () => {
  it('writes the same bytes whatever order keys were inserted in, at every depth', () => {
    const a = { b: 1, a: { d: [{ z: 1, y: 2 }], c: 'x' } };
    const b = { a: { c: 'x', d: [{ y: 2, z: 1 }] }, b: 1 };
    expect(Buffer.from(marshal(a)).equals(Buffer.from(marshal(b)))).toBe(true);
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}');
  });

  it('drops undefined members, keeps array positions, and refuses non-finite numbers', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
  });

  it('reads back what it wrote', () => {
    const value = { lot: 'L1', origin: { country: 'CO', plots: [] } };
    expect(unmarshalJson(marshal(value))).toEqual(value);
  });
});
