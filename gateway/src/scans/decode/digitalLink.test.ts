import { normaliseGtin } from '../../../../chaincode/src/api';
import { buildDigitalLink, parseDigitalLink } from './digitalLink';
import { ScanDecodeError } from './scanDecodeError';

function errorOf(fn: () => unknown): ScanDecodeError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScanDecodeError) return error;
    throw error;
  }
  throw new Error('expected a ScanDecodeError');
}

// 09506000134352 is GS1's own example GTIN in the Digital Link standard.
describe('Digital Link parsing', () => {
  it('parses GTIN, lot, serial and data attributes on any host', () => {
    const parsed = parseDigitalLink(
      'https://id.gs1.org/01/09506000134352/10/ABC%2F1/21/12%2512?17=261231&linkType=gs1:traceability',
    );
    expect(parsed).toEqual({
      gtin: '09506000134352',
      lot: 'ABC/1',
      serial: '12%12',
      pathPrefix: '',
      dataAttributes: { '17': '261231' },
      linkType: 'gs1:traceability',
    });
  });

  it('keeps a path prefix and reads a consumer product variant', () => {
    const parsed = parseDigitalLink('http://localhost:3000/brand/dl/01/09506000134352/22/2A/10/LOT-7#top');
    expect(parsed).toEqual({
      gtin: '09506000134352',
      cpv: '2A',
      lot: 'LOT-7',
      pathPrefix: '/brand/dl',
      dataAttributes: {},
    });
  });

  it('pads GTIN-8, GTIN-12 and GTIN-13 to 14 digits', () => {
    expect(parseDigitalLink('https://x.example/01/12345670').gtin).toBe('00000012345670');
    expect(parseDigitalLink('https://x.example/01/614141000036').gtin).toBe('00614141000036');
    expect(parseDigitalLink('https://x.example/01/9506000134352').gtin).toBe('09506000134352');
  });

  it('rejects a wrong GTIN check digit as GTIN_CHECK_DIGIT', () => {
    const error = errorOf(() => parseDigitalLink('https://id.gs1.org/01/09506000134353/10/ABC'));
    expect(error.code).toBe('GTIN_CHECK_DIGIT');
    expect(error.field).toBe('gtin');
  });

  it('rejects /01/x/21/y/10/z as out of order', () => {
    const error = errorOf(() => parseDigitalLink('https://id.gs1.org/01/09506000134352/21/y/10/z'));
    expect(error.code).toBe('DIGITAL_LINK_QUALIFIER_ORDER');
    expect(error.field).toBe('path');
  });

  it('rejects a repeated qualifier as out of order', () => {
    expect(errorOf(() => parseDigitalLink('https://id.gs1.org/01/09506000134352/10/a/10/b')).code).toBe(
      'DIGITAL_LINK_QUALIFIER_ORDER',
    );
  });

  it.each([
    ['no primary key', 'https://id.gs1.org/10/ABC', 'path'],
    ['an SSCC primary key', 'https://id.gs1.org/00/106141412345678908', 'path'],
    ['a qualifier that is not one of a GTIN', 'https://id.gs1.org/01/09506000134352/254/1', 'path'],
    ['a lot of 21 characters', 'https://id.gs1.org/01/09506000134352/10/ABCDEFGHIJKLMNOPQRSTU', 'lot'],
    ['a serial outside the GS1 character set', 'https://id.gs1.org/01/09506000134352/21/%E2%82%AC', 'serial'],
    ['a space in the lot', 'https://id.gs1.org/01/09506000134352/10/A%20B', 'lot'],
    ['broken percent-encoding', 'https://id.gs1.org/01/09506000134352/21/%E2%82', 'serial'],
    ['a GTIN of 11 digits', 'https://id.gs1.org/01/12345678901', 'gtin'],
    ['a non-http scheme', 'ftp://id.gs1.org/01/09506000134352', 'uri'],
    ['a relative reference', '/01/09506000134352', 'uri'],
    ['a repeated query parameter', 'https://id.gs1.org/01/09506000134352?17=261231&17=261230', 'query'],
    ['a malformed expiry date attribute', 'https://id.gs1.org/01/09506000134352?17=2612', 'uri'],
  ])('rejects %s as DIGITAL_LINK_INVALID', (_label, uri, field) => {
    const error = errorOf(() => parseDigitalLink(uri));
    expect([error.code, error.field]).toEqual(['DIGITAL_LINK_INVALID', field]);
  });

  it('rejects non-strings and over-long input', () => {
    expect(errorOf(() => parseDigitalLink(undefined)).code).toBe('DIGITAL_LINK_INVALID');
    expect(
      errorOf(() => parseDigitalLink(`https://a.example/${'x/'.repeat(1100)}01/09506000134352`)).code,
    ).toBe('DIGITAL_LINK_INVALID');
  });
});

describe('Digital Link building', () => {
  it('builds the canonical form with the qualifiers in grammar order', () => {
    expect(
      buildDigitalLink('https://trace.example/dl/', { gtin: '9506000134352', serial: 'S1', lot: 'L1' }),
    ).toBe('https://trace.example/dl/01/09506000134352/10/L1/21/S1');
  });

  it('percent-encodes everything but unreserved characters', () => {
    const uri = buildDigitalLink('https://id.gs1.org', {
      gtin: '09506000134352',
      lot: "A/B&C'1",
      serial: '..',
    });
    expect(uri).toBe('https://id.gs1.org/01/09506000134352/10/A%2FB%26C%271/21/%2E%2E');
  });

  it('round-trips every GS1 AI-82 character through parse', () => {
    const lot = '!"%&\'()*+,-./:;<=>?_';
    const serial = 'AZaz09';
    const parsed = parseDigitalLink(
      buildDigitalLink('https://id.gs1.org/p', { gtin: '09506000134352', lot, serial }),
    );
    expect(parsed).toMatchObject({ gtin: '09506000134352', lot, serial, pathPrefix: '/p' });
  });

  it('refuses a wrong check digit, a bad lot and a base with a query', () => {
    expect(errorOf(() => buildDigitalLink('https://id.gs1.org', { gtin: '09506000134353' })).code).toBe(
      'GTIN_CHECK_DIGIT',
    );
    expect(
      errorOf(() => buildDigitalLink('https://id.gs1.org', { gtin: '09506000134352', lot: '' })).field,
    ).toBe('lot');
    expect(errorOf(() => buildDigitalLink('https://id.gs1.org/?a=1', { gtin: '09506000134352' })).field).toBe(
      'base',
    );
  });

  it('normalizes GTINs', () => {
    expect(normaliseGtin('12345670')).toBe('00000012345670');
  });
});
