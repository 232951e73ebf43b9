/**
 * A small coffee supply chain recorded through the EPCIS capture API: two green lots from plots in Colombia
 * (one plot lacking geolocation), harvested, packed, shipped and received, then blended and roasted into one
 * roasted lot that is shipped on. Master data (products, places, lots with plots) goes through the members' API.
 */
import request from 'supertest';
import { GLN, GTIN, glnUri, lotUri } from './epcisBuilders';
import type { EpcisHarness, UserName } from './epcisHarness';

type Json = Record<string, unknown>;

export const LOTS = {
  greenA: lotUri(GTIN.green, 'GA-2026-01'),
  greenB: lotUri(GTIN.green, 'GB-2026-02'),
  roasted: lotUri(GTIN.roasted, 'RB-2026-09'),
  /** A green lot whose only plot is over 4 ha but given as a point. */
  greenC: lotUri(GTIN.green, 'GC-2026-03'),
};

const polygon = [
  [
    [-75.9021, 2.3901],
    [-75.8992, 2.3905],
    [-75.8987, 2.3871],
    [-75.9011, 2.3862],
    [-75.903, 2.388],
    [-75.9021, 2.3901],
  ],
];

async function post(h: EpcisHarness, user: UserName, path: string, body: Json): Promise<void> {
  const res = await request(h.app).post(path).set(h.auth(user)).send(body);
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${res.text}`);
}

async function capture(h: EpcisHarness, user: UserName, events: Json[]): Promise<void> {
  const doc = {
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-04-01T00:00:00Z',
    epcisBody: { eventList: events },
  };
  const res = await request(h.app).post('/epcis/capture').set(h.auth(user)).send(doc);
  const job = await h.finished(res.headers.location!, user);
  if (job.success !== true) throw new Error(`capture as ${user}: ${JSON.stringify(job.errors)}`);
}

const at = (eventTime: string) => ({ eventTime, eventTimeZoneOffset: '-05:00' });
const qty = (epcClass: string, quantity: number) => ({ epcClass, quantity, uom: 'KGM' });

export async function recordCoffeeWorld(h: EpcisHarness): Promise<void> {
  await post(h, 'farmer', '/products', {
    gtin: GTIN.green,
    name: 'Green coffee, washed Arabica',
    family: 'coffee',
  });
  await post(h, 'roaster', '/products', {
    gtin: GTIN.roasted,
    name: 'Roasted coffee beans',
    family: 'coffee',
    brand: 'Trace Roasters',
  });
  await post(h, 'farmer', '/locations', {
    gln: GLN.farm,
    name: 'Finca La Esperanza',
    country: 'CO',
    address: 'Vereda El Cedro, La Plata, Huila',
    geo: { type: 'Point', coordinates: [-75.9, 2.39] },
  });
  await post(h, 'processor', '/locations', {
    gln: GLN.station,
    name: 'Central de Beneficio La Plata',
    country: 'CO',
    address: 'Km 2 vía La Plata',
  });
  await post(h, 'roaster', '/locations', {
    gln: GLN.roastery,
    name: 'Trace Roastery',
    country: 'US',
    address: '1 Harbor Way, Oakland CA',
  });
  await post(h, 'farmer', '/lots', {
    gtin: GTIN.green,
    lot: 'GA-2026-01',
    harvestDate: '2026-01-12',
    origin: {
      country: 'CO',
      region: 'Huila',
      producer: 'Asociación de Caficultores de La Plata',
      plots: [
        {
          plotId: 'CO-HUI-0007',
          name: 'Finca La Esperanza',
          areaHa: 4.6,
          producer: 'Rosa Muñoz',
          harvestStart: '2025-11-20',
          harvestEnd: '2026-01-12',
          geometry: { type: 'Polygon', coordinates: polygon },
        },
        {
          plotId: 'CO-HUI-0011',
          name: 'El Mirador',
          areaHa: 1.2,
          geometry: { type: 'Point', coordinates: [-75.8951, 2.3842] },
        },
      ],
    },
  });
  await post(h, 'farmer', '/lots', {
    gtin: GTIN.green,
    lot: 'GB-2026-02',
    harvestDate: '2026-01-20',
    origin: {
      country: 'CO',
      region: 'Huila',
      producer: 'Luis Ortega',
      plots: [{ plotId: 'CO-HUI-0042', name: 'La Cañada', areaHa: 2.5 }],
    },
  });
  await post(h, 'farmer', '/lots', {
    gtin: GTIN.green,
    lot: 'GC-2026-03',
    origin: {
      country: 'CO',
      producer: 'Finca Grande',
      plots: [{ plotId: 'CO-HUI-0099', areaHa: 12, geometry: { type: 'Point', coordinates: [-75.7, 2.1] } }],
    },
  });
  await post(h, 'roaster', '/lots', { gtin: GTIN.roasted, lot: 'RB-2026-09' });

  await capture(h, 'farmer', [
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      ...at('2026-01-12T07:00:00-05:00'),
      quantityList: [qty(LOTS.greenA, 1300)],
      bizStep: 'urn:trace:bizstep:harvesting',
      readPoint: { id: glnUri(GLN.farm) },
      destinationList: [{ type: 'owning_party', destination: glnUri(GLN.station) }],
    },
    {
      type: 'ObjectEvent',
      action: 'ADD',
      ...at('2026-01-14T09:00:00-05:00'),
      quantityList: [qty(LOTS.greenA, 1200)],
      bizStep: 'commissioning',
      readPoint: { id: glnUri(GLN.farm) },
      bizLocation: { id: glnUri(GLN.farm) },
    },
    {
      type: 'ObjectEvent',
      action: 'ADD',
      ...at('2026-01-21T09:00:00-05:00'),
      quantityList: [qty(LOTS.greenB, 600)],
      bizStep: 'commissioning',
      readPoint: { id: glnUri(GLN.farm) },
      bizLocation: { id: glnUri(GLN.farm) },
    },
  ]);
  await capture(h, 'carrier', [
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      ...at('2026-01-15T10:00:00-05:00'),
      quantityList: [qty(LOTS.greenA, 1200)],
      bizStep: 'shipping',
      disposition: 'in_transit',
      readPoint: { id: glnUri(GLN.farm) },
      bizLocation: { id: glnUri(GLN.farm) },
      bizTransactionList: [{ type: 'bol', bizTransaction: 'urn:epcglobal:cbv:bt:9521234000006:BOL-7781' }],
      sourceList: [{ type: 'owning_party', source: glnUri(GLN.farm) }],
      destinationList: [{ type: 'owning_party', destination: glnUri(GLN.roastery) }],
    },
  ]);
  await capture(h, 'roaster', [
    {
      type: 'ObjectEvent',
      action: 'OBSERVE',
      ...at('2026-02-20T08:00:00-08:00'),
      quantityList: [qty(LOTS.greenA, 1200)],
      bizStep: 'receiving',
      disposition: 'in_progress',
      readPoint: { id: glnUri(GLN.roastery) },
      bizLocation: { id: glnUri(GLN.roastery) },
      bizTransactionList: [{ type: 'po', bizTransaction: 'urn:epcglobal:cbv:bt:9521234000037:PO-1001' }],
      sourceList: [{ type: 'owning_party', source: glnUri(GLN.farm) }],
    },
    {
      type: 'TransformationEvent',
      ...at('2026-03-01T08:00:00-08:00'),
      inputQuantityList: [qty(LOTS.greenA, 600), qty(LOTS.greenB, 600)],
      outputQuantityList: [qty(LOTS.roasted, 1000)],
      bizStep: 'urn:trace:bizstep:roasting',
      readPoint: { id: glnUri(GLN.roastery) },
      bizLocation: { id: glnUri(GLN.roastery) },
      bizTransactionList: [{ type: 'prodorder', bizTransaction: 'urn:epcglobal:cbv:bt:9521234000037:MO-55' }],
    },
    {
      type: 'TransformationEvent',
      ...at('2026-03-02T08:00:00-08:00'),
      inputQuantityList: [qty(LOTS.greenC, 10)],
      outputQuantityList: [qty(lotUri(GTIN.roasted, 'RC-2026-10'), 8)],
      bizStep: 'urn:trace:bizstep:roasting',
      readPoint: { id: glnUri(GLN.roastery) },
    },
  ]);
}
