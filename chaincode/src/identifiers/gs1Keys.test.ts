import { canonicalId, parseGs1Key } from './gs1Keys';

describe('GS1 keys', () => {
  it('gives one canonical ID for a lot however it is written', () => {
    const id = 'https://id.gs1.org/01/09506000134352/10/L%2F1';
    expect(canonicalId('https://brand.example/products/01/9506000134352/10/L%2F1?17=261231')).toBe(id);
    expect(canonicalId('urn:epc:class:lgtin:9506000.013435.L%2F1')).toBe(id);
  });

  it('converts an SGTIN URN from the TDS example to its Digital Link', () => {
    expect(canonicalId('urn:epc:id:sgtin:0614141.812345.6789')).toBe(
      'https://id.gs1.org/01/80614141123458/21/6789',
    );
  });

  it.each([
    ['a wrong GTIN check digit', 'https://id.gs1.org/01/09506000134353/10/L1', /check digit/],
    [
      'qualifiers out of order',
      'https://id.gs1.org/01/09506000134352/21/S/10/L',
      /not a Digital Link Trace understands/,
    ],
    [
      'a lot over 20 characters',
      'https://id.gs1.org/01/09506000134352/10/ABCDEFGHIJKLMNOPQRSTU',
      /1-20 characters/,
    ],
    ['a non-numeric company prefix', 'urn:epc:id:sgtin:06A4141.812345.6789', /not numeric|13 digits/],
  ])('refuses %s, naming the field', (_what, value, message) => {
    expect(() => parseGs1Key(value, 'events[0].epcList[0]')).toThrow(
      /^INVALID_ARGUMENT: events\[0\]\.epcList\[0\]: /,
    );
    expect(() => parseGs1Key(value, 'f')).toThrow(message);
  });

  it('keeps non-GS1 URIs and gives other EPC schemes their CBV canonical form', () => {
    expect(canonicalId('geo:52.5,13.4')).toBe('geo:52.5,13.4');
    expect(canonicalId('urn:epc:id:giai:4000001.12345')).toBe('https://id.gs1.org/8004/400000112345');
  });
});
