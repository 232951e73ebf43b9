/** Small builders of EPCIS 2.0 events for tests: real event shapes, explicit times. */

export const GTIN = {
  green: '09506000134352',
  roasted: '09506000134369',
  bag: '09506000134376',
  chilled: '09506000134383',
};
export const GLN = {
  farm: '9521234000006',
  station: '9521234000013',
  port: '9521234000020',
  roastery: '9521234000037',
  cafe: '9521234000044',
};
export const SSCC = { pallet: '095212340000000013', case: '095212340000000020' };

export const lotUri = (gtin: string, lot: string): string => `https://id.gs1.org/01/${gtin}/10/${lot}`;
export const itemUri = (gtin: string, serial: string): string => `https://id.gs1.org/01/${gtin}/21/${serial}`;
export const ssccUri = (sscc: string): string => `https://id.gs1.org/00/${sscc}`;
export const glnUri = (gln: string): string => `https://id.gs1.org/414/${gln}`;

const base = (eventTime: string) => ({ eventTime, eventTimeZoneOffset: '+00:00' });

export function observe(
  what: { epcList?: string[]; quantityList?: { epcClass: string }[] },
  bizStep: string,
  gln: string,
  eventTime: string,
) {
  return {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    ...base(eventTime),
    ...what,
    bizStep,
    readPoint: { id: glnUri(gln) },
  };
}

export function commission(epcList: string[], lot: string, gln: string, eventTime: string) {
  return {
    type: 'ObjectEvent',
    action: 'ADD',
    ...base(eventTime),
    epcList,
    bizStep: 'commissioning',
    readPoint: { id: glnUri(gln) },
    ilmd: { 'cbvmda:lotNumber': lot },
  };
}

export function pack(
  parent: string,
  children: string[],
  action: 'ADD' | 'DELETE',
  gln: string,
  eventTime: string,
) {
  return {
    type: 'AggregationEvent',
    action,
    ...base(eventTime),
    parentID: parent,
    childEPCs: children,
    bizStep: action === 'ADD' ? 'packing' : 'unpacking',
    readPoint: { id: glnUri(gln) },
  };
}

export function transform(
  inputs: string[],
  outputs: string[],
  bizStep: string,
  gln: string,
  eventTime: string,
) {
  return {
    type: 'TransformationEvent',
    ...base(eventTime),
    inputQuantityList: inputs.map((epcClass) => ({ epcClass, quantity: 60, uom: 'KGM' })),
    outputQuantityList: outputs.map((epcClass) => ({ epcClass, quantity: 50, uom: 'KGM' })),
    bizStep,
    readPoint: { id: glnUri(gln) },
  };
}

export const batch = (events: unknown[], idempotencyKey?: string) =>
  JSON.stringify({ events, ...(idempotencyKey ? { idempotencyKey } : {}) });
