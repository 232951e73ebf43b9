import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BIZ_STEPS,
  BIZ_TRANSACTION_TYPES,
  DISPOSITIONS,
  SOURCE_DEST_TYPES,
  cbvShortName,
  cbvUri,
  expandCbv,
  isBizStep,
  isDisposition,
  normaliseBizStep,
} from './cbv';

/** The enums of the official EPCIS 2.0 JSON schema are the reference for the CBV term lists. */
const schema = JSON.parse(
  readFileSync(join(__dirname, '../../../test/fixtures/epcis/EPCIS-JSON-Schema.json'), 'utf8'),
) as { definitions: Record<string, { anyOf: { enum?: string[] }[] }> };
const schemaEnum = (name: string): string[] =>
  [...(schema.definitions[name]!.anyOf.find((a) => a.enum !== undefined)?.enum ?? [])].sort();

describe('CBV 2.0 vocabularies', () => {
  it.each([
    ['bizStep', BIZ_STEPS],
    ['disposition', DISPOSITIONS],
    ['bizTransaction-type', BIZ_TRANSACTION_TYPES],
    ['source-dest-type', SOURCE_DEST_TYPES],
  ] as const)('list exactly the %s terms of the EPCIS 2.0 schema', (name, list) => {
    expect([...list].sort()).toEqual(schemaEnum(name));
  });

  it('guards types by membership', () => {
    expect(isBizStep('receiving')).toBe(true);
    expect(isBizStep('roasting')).toBe(false);
    expect(isDisposition('in_transit')).toBe(true);
    expect(isDisposition(42)).toBe(false);
  });

  it('maps short names to Web URIs and back', () => {
    expect(cbvUri('Disp', 'in_transit')).toBe('https://ref.gs1.org/cbv/Disp-in_transit');
    expect(cbvShortName('Disp', 'https://ref.gs1.org/cbv/Disp-in_transit')).toBe('in_transit');
    expect(cbvShortName('BizStep', 'urn:epcglobal:cbv:bizstep:shipping')).toBe('shipping');
    expect(cbvShortName('BizStep', 'https://ref.gs1.org/cbv/Disp-in_transit')).toBeUndefined();
  });

  it('expands bare words, cbv: CURIEs and CBV 1.x URNs, and leaves user URIs alone', () => {
    expect(expandCbv('BTT', 'po')).toBe('https://ref.gs1.org/cbv/BTT-po');
    expect(expandCbv('SDT', 'cbv:SDT-owning_party')).toBe('https://ref.gs1.org/cbv/SDT-owning_party');
    expect(expandCbv('Disp', 'urn:epcglobal:cbv:disp:recalled')).toBe(
      'https://ref.gs1.org/cbv/Disp-recalled',
    );
    expect(expandCbv('BizStep', 'http://epcis.example.com/user/vocab/bizstep/exampling')).toBe(
      'http://epcis.example.com/user/vocab/bizstep/exampling',
    );
  });
});

describe('normaliseBizStep', () => {
  it.each([
    ['receiving', 'https://ref.gs1.org/cbv/BizStep-receiving'],
    ['https://ref.gs1.org/cbv/BizStep-receiving', 'https://ref.gs1.org/cbv/BizStep-receiving'],
    ['cbv:BizStep-shipping', 'https://ref.gs1.org/cbv/BizStep-shipping'],
    ['urn:epcglobal:cbv:bizstep:commissioning', 'https://ref.gs1.org/cbv/BizStep-commissioning'],
    [' storing ', 'https://ref.gs1.org/cbv/BizStep-storing'],
    ['roasting', 'urn:trace:bizstep:roasting'],
    ['urn:trace:bizstep:harvesting', 'urn:trace:bizstep:harvesting'],
    ['cooling', 'urn:trace:bizstep:cooling'],
  ])('accepts %s', (input, expected) => {
    expect(normaliseBizStep(input)).toBe(expected);
  });

  it.each([
    'Receiving',
    'https://ref.gs1.org/cbv/BizStep-roasting',
    'urn:trace:bizstep:receiving',
    'urn:trace:bizstep:',
    'https://example.com/bizstep/roasting',
    '',
  ])('rejects %j with a stable error code', (input) => {
    expect(() => normaliseBizStep(input)).toThrow(/^INVALID_ARGUMENT: bizStep: /);
  });
});
