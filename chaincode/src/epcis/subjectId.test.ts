import { subjectId } from './subjectId';

describe('subject identifiers for indexes', () => {
  it('canonicalises the GS1 keys Trace resolves', () => {
    // GS1 Tag Data Standard's own example: (01)10614141073464(21)2017.
    expect(subjectId('urn:epc:id:sgtin:0614141.107346.2017', 'f')).toBe('https://id.gs1.org/01/10614141073464/21/2017');
    expect(subjectId('urn:epc:class:lgtin:4012345.012345.998877', 'f')).toBe('https://id.gs1.org/01/04012345123456/10/998877');
  });

  it('keeps other EPC schemes and EPC class patterns as given (official EPCIS examples use them)', () => {
    expect(subjectId('urn:epc:id:giai:4000001.12345', 'f')).toBe('urn:epc:id:giai:4000001.12345');
    expect(subjectId('urn:epc:idpat:sgtin:4012345.098765.*', 'f')).toBe('urn:epc:idpat:sgtin:4012345.098765.*');
  });

  it('still refuses a malformed key of a resolved scheme, naming the field', () => {
    expect(() => subjectId('urn:epc:id:sgtin:0614141.10734.2017', 'events[0].epcList[0]')).toThrow(/events\[0\]\.epcList\[0\]/);
  });

  it('refuses what is not a URI', () => {
    expect(() => subjectId('not a uri', 'f')).toThrow(/not a URI/);
  });
});
