import { postingsOf, posting, sortableInstant } from './postings';

describe('read model postings', () => {
  const event = {
    type: 'AggregationEvent',
    action: 'ADD',
    parentID: 'urn:epc:id:sscc:0614141.1234567890',
    childEPCs: ['urn:epc:id:sgtin:0614141.107346.2017'],
    childQuantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', quantity: 2 }],
    bizStep: 'urn:epcglobal:cbv:bizstep:packing',
    disposition: 'in_progress',
    readPoint: { id: 'urn:epc:id:sgln:0614141.07346.1234' },
  };

  it('indexes GS1 keys by their canonical Digital Link, whatever form they came in', () => {
    const p = postingsOf(event);
    // GS1 TDS examples: (01)10614141073464(21)2017; SSCC 106141412345678908; SGLN (414)0614141073467(254)1234.
    expect(p).toContain(posting('epc', 'https://id.gs1.org/01/10614141073464/21/2017'));
    expect(p).toContain(posting('anyEPC', 'https://id.gs1.org/00/106141412345678908'));
    expect(p).not.toContain(posting('epc', 'https://id.gs1.org/00/106141412345678908'));
    expect(p).toContain(posting('readPoint', 'https://id.gs1.org/414/0614141073467/254/1234'));
    expect(p).toContain(posting('epcClass', 'https://id.gs1.org/01/04012345123456/10/998877'));
  });

  it('indexes CBV values by their 2.0 Web URI', () => {
    const p = postingsOf(event);
    expect(p).toContain(posting('bizStep', 'https://ref.gs1.org/cbv/BizStep-packing'));
    expect(p).toContain(posting('disposition', 'https://ref.gs1.org/cbv/Disp-in_progress'));
  });

  it('indexes other EPC schemes under their CBV 2.0 canonical Digital Link', () => {
    expect(postingsOf({ type: 'ObjectEvent', epcList: ['urn:epc:id:giai:4000001.12345'] })).toContain(
      posting('epc', 'https://id.gs1.org/8004/400000112345'),
    );
  });

  it('sorts instants across offsets', () => {
    expect(sortableInstant('2005-04-03T20:33:31.116000-06:00')).toBe('2005-04-04T02:33:31.116Z');
    expect(() => sortableInstant('yesterday')).toThrow(RangeError);
  });
});
