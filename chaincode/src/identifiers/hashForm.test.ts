import { hashCanonicalId, epcUrnToDigitalLink } from './hashForm';
import { gs1CheckDigit } from './checkDigit';

describe('GS1 check digit', () => {
  it('computes the mod-10 check digit of published keys', () => {
    expect(gs1CheckDigit('0950600013435')).toBe('2'); // GTIN 09506000134352 (GS1 General Specifications example)
    expect(gs1CheckDigit('401234500000')).toBe('9'); // GLN 4012345000009
    expect(gs1CheckDigit('10614141123456789')).toBe('7'); // SSCC 106141411234567897 (GS1 example)
  });
});

describe('EPC URI → canonical Digital Link', () => {
  it.each([
    ['urn:epc:id:sgtin:4012345.011111.9876', 'https://id.gs1.org/01/04012345111118/21/9876'],
    ['urn:epc:id:sgtin:0614141.812345.6789%2F!', 'https://id.gs1.org/01/80614141123458/21/6789%2F%21'],
    ['urn:epc:id:sscc:4012345.0000000333', 'https://id.gs1.org/00/040123450000003338'],
    ['urn:epc:id:sgln:4012345.00011.987', 'https://id.gs1.org/414/4012345000115/254/987'],
    ['urn:epc:id:sgln:4012345.00005.0', 'https://id.gs1.org/414/4012345000054'],
    ['urn:epc:id:pgln:999999999999.', 'https://id.gs1.org/417/9999999999994'],
    ['urn:epc:class:lgtin:4012345.012345.Lot987', 'https://id.gs1.org/01/04012345123456/10/Lot987'],
    ['urn:epc:idpat:sgtin:4012345.066666.*', 'https://id.gs1.org/01/04012345666663'],
  ])('%s', (urn, dl) => {
    expect(epcUrnToDigitalLink(urn)).toBe(dl);
  });

  it.each([
    'urn:epc:id:sgtin:4012345.01111.9876', // company prefix + item reference must be 13 digits
    'urn:epc:id:sgtin:4012345.011111.a b', // space is not in the EPC character set
    'urn:epc:idpat:sgtin:4012345.011111.12', // a pattern must end in *
    'urn:epc:id:toString:1.2',
    'urn:epcglobal:cbv:bt:4012345000009:ASN1099',
  ])('leaves %s unconverted', (urn) => {
    expect(epcUrnToDigitalLink(urn)).toBeUndefined();
    expect(hashCanonicalId(urn)).toBe(urn);
  });
});

describe('Digital Link constraint', () => {
  it.each([
    ['https://id.gs1.de/01/04012345999990/21/XYZ-1234', 'https://id.gs1.org/01/04012345999990/21/XYZ-1234'],
    [
      'https://example.com/gtin/09780345418913/21/765tz?abc=211121',
      'https://id.gs1.org/01/09780345418913/21/765tz',
    ],
    ['https://brand.example/shop/01/9506000134352/10/L1/21/S1', 'https://id.gs1.org/01/09506000134352/21/S1'],
    ['https://brand.example/01/09506000134352/22/2A/10/L1', 'https://id.gs1.org/01/09506000134352/10/L1'],
    ['https://id.example.com/253/4012345000054987', 'https://id.gs1.org/253/4012345000054987'],
  ])('%s → %s', (uri, expected) => {
    expect(hashCanonicalId(uri)).toBe(expected);
  });

  it.each([
    'http://transaction.acme.com/po/12345678',
    'http://www.opengis.net/def/crs/EPSG/0/27700',
    'geo:47.506694,11.104301',
    'https://brand.example/01/123/21/x', // not a GTIN
    'https://brand.example/01/09506000134352/99/x', // 99 is no key qualifier
  ])('leaves %s unchanged', (uri) => {
    expect(hashCanonicalId(uri)).toBe(uri);
  });
});
