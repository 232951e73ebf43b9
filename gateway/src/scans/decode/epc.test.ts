import sgtinVectors from '../../../../test/fixtures/vectors/sgtin96.json';
import tdsExamples from '../../../../test/fixtures/vectors/epc96-tds-examples.json';
import { decodeEpcHex } from './epc';
import { ScanDecodeError } from './scanDecodeError';

/** The vectors name the URIs `pureIdentityURI`/`tagURI`; our objects use `pureIdentityUri`/`tagUri`. */
function expectedShape(expect: Record<string, unknown>): Record<string, unknown> {
  const { pureIdentityURI, tagURI, ...rest } = expect;
  return { ...rest, pureIdentityUri: pureIdentityURI, tagUri: tagURI };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScanDecodeError) return error.code;
    throw error;
  }
  return 'NO_ERROR';
}

describe('EPC decoding', () => {
  it.each(sgtinVectors.vectors)('decodes the TDS SGTIN-96 example $hex in every field', (vector) => {
    const decoded = decodeEpcHex(vector.hex);
    expect(decoded).toEqual({ hex: vector.hex, ...expectedShape(vector.expect) });
  });

  it.each(tdsExamples.vectors)('decodes the TDS example $hex ($expect.scheme) in every field', (vector) => {
    expect(decodeEpcHex(vector.hex)).toEqual({ hex: vector.hex, ...expectedShape(vector.expect) });
  });

  it('accepts lower-case hex and reports it upper-case', () => {
    const decoded = decodeEpcHex('3074257bf7194e4000001a85');
    expect(decoded.hex).toBe('3074257BF7194E4000001A85');
    expect(decoded.pureIdentityUri).toBe('urn:epc:id:sgtin:0614141.812345.6789');
  });

  it('builds the Digital Link on a configured base', () => {
    const decoded = decodeEpcHex('3074257BF7194E4000001A85', {
      digitalLinkBase: 'https://trace.example/dl/',
    });
    expect(decoded.digitalLink).toBe('https://trace.example/dl/01/80614141123458/21/6789');
  });

  it.each([
    ['23 characters', '3074257BF7194E4000001A8'],
    ['25 characters', '3074257BF7194E4000001A850'],
    ['a 198-bit length', '3674257BF7194E4000001A85000000000000000000000000000000'],
    ['non-hex', '3074257BF7194E4000001A8G'],
    ['empty', ''],
    ['whitespace', ' 3074257BF7194E4000001A85'],
  ])('rejects %s as EPC_MALFORMED', (_label, hex) => {
    expect(codeOf(() => decodeEpcHex(hex))).toBe('EPC_MALFORMED');
  });

  it('rejects non-strings as EPC_MALFORMED', () => {
    expect(codeOf(() => decodeEpcHex(12345))).toBe('EPC_MALFORMED');
    expect(codeOf(() => decodeEpcHex(null))).toBe('EPC_MALFORMED');
  });

  it.each([
    ['GIAI-96', '3474257BF7194E4000001A85'],
    ['GID-96', '3574257BF7194E4000001A85'],
    ['an unprogrammed tag (E2…)', 'E28011700000020F2C3B1A85'],
    ['all zero', '000000000000000000000000'],
  ])('rejects %s as EPC_UNSUPPORTED_SCHEME', (_label, hex) => {
    expect(codeOf(() => decodeEpcHex(hex))).toBe('EPC_UNSUPPORTED_SCHEME');
  });

  it('rejects the reserved partition 7', () => {
    expect(codeOf(() => decodeEpcHex('307C257BF7194E4000001A85'))).toBe('EPC_MALFORMED');
  });

  it('rejects a location reference that needs more digits than partition 5 allows', () => {
    // Partition 5 gives SGLN 5 location digits; these 17 bits hold 101543.
    expect(codeOf(() => decodeEpcHex('3274257BF7194E4000001A85'))).toBe('EPC_MALFORMED');
  });

  it('rejects an all-ones SGTIN body (company prefix overflow)', () => {
    expect(codeOf(() => decodeEpcHex('30F7FFFFFFFFFFFFFFFFFFFF'))).toBe('EPC_MALFORMED');
  });
});
