/**
 * The demo world: a coffee lot from a farm plot to a café, a chilled salad along a cold chain (one lot recalled),
 * written as the master data and EPCIS events real members would submit.
 */
import { locationId, lotId } from '../../../chaincode/src/api';

export const GTIN = {
  greenCoffee: '09506000134352',
  roastedCoffee: '09506000134369',
  salad: '09506000134383',
} as const;

export const GLN = {
  farm: '9521234000006',
  washingStation: '9521234000013',
  exporter: '9521234000020',
  roastery: '9521234000037',
  cafe: '9521234000044',
  hamburgCustoms: '9521234000051',
  saladFarm: '9521234000068',
  coldStore: '9521234000075',
  supermarket: '9521234000082',
} as const;

export const LOTS = {
  green: 'HUI-2026-014',
  roasted: 'BER-2026-33',
  salad: 'SAL-2026-0612',
  saladRecalled: 'SAL-2026-0613',
};

export const PRODUCTS = [
  {
    by: 'farmer',
    gtin: GTIN.greenCoffee,
    name: 'Green coffee, Castillo, washed',
    family: 'coffee',
    brand: 'Finca La Esperanza',
    certifications: [{ standard: 'Rainforest Alliance', certificateId: 'RA-CO-55123' }],
  },
  {
    by: 'roaster',
    gtin: GTIN.roastedCoffee,
    name: 'Esperanza Roast, whole bean',
    family: 'coffee',
    brand: 'Kreuzberg Roasters',
    description: 'Medium roast with notes of panela, orange and cocoa.',
    certifications: [{ standard: 'EU Organic', certificateId: 'DE-ÖKO-006' }],
  },
  { by: 'processor', gtin: GTIN.salad, name: 'Baby leaf salad 150 g', family: 'food', brand: 'Huerta Verde' },
] as const;

export const LOCATIONS = [
  {
    by: 'farmer',
    gln: GLN.farm,
    name: 'Finca La Esperanza',
    country: 'CO',
    kind: 'farm',
    geo: { type: 'Point', coordinates: [-75.9125, 1.8581] },
  },
  {
    by: 'processor',
    gln: GLN.washingStation,
    name: 'Beneficio El Pital',
    country: 'CO',
    kind: 'washing_station',
    geo: { type: 'Point', coordinates: [-75.85, 2.27] },
  },
  {
    by: 'carrier',
    gln: GLN.exporter,
    name: 'Puerto de Buenaventura',
    country: 'CO',
    kind: 'port',
    geo: { type: 'Point', coordinates: [-77.07, 3.88] },
  },
  {
    by: 'customs',
    gln: GLN.hamburgCustoms,
    name: 'Zollamt Hamburg Hafen',
    country: 'DE',
    kind: 'customs',
    geo: { type: 'Point', coordinates: [9.97, 53.54] },
  },
  {
    by: 'roaster',
    gln: GLN.roastery,
    name: 'Kreuzberg Roasters',
    country: 'DE',
    kind: 'roastery',
    geo: { type: 'Point', coordinates: [13.41, 52.5] },
  },
  {
    by: 'retailer',
    gln: GLN.cafe,
    name: 'Café Lindenblatt',
    country: 'DE',
    kind: 'cafe',
    geo: { type: 'Point', coordinates: [13.39, 52.52] },
  },
  {
    by: 'processor',
    gln: GLN.saladFarm,
    name: 'Huerta Verde, Almería',
    country: 'ES',
    kind: 'farm',
    geo: { type: 'Point', coordinates: [-2.46, 36.84] },
  },
  {
    by: 'carrier',
    gln: GLN.coldStore,
    name: 'FrioLog cold store, Zaragoza',
    country: 'ES',
    kind: 'warehouse',
    geo: { type: 'Point', coordinates: [-0.88, 41.65] },
  },
  {
    by: 'retailer',
    gln: GLN.supermarket,
    name: 'MarktFrisch Lyon',
    country: 'FR',
    kind: 'store',
    geo: { type: 'Point', coordinates: [4.84, 45.76] },
  },
] as const;

const plot = (lon: number, lat: number, d: number) => [
  [
    [lon, lat],
    [lon + d, lat],
    [lon + d, lat + d * 0.8],
    [lon, lat + d * 0.9],
    [lon, lat],
  ],
];

export const LOT_INPUTS = [
  {
    by: 'farmer',
    gtin: GTIN.greenCoffee,
    lot: LOTS.green,
    harvestDate: '2026-05-12',
    quantity: { value: 1380, uom: 'KGM' },
    origin: {
      country: 'CO',
      region: 'Huila, Pitalito',
      producer: 'Finca La Esperanza (M. Rojas)',
      plots: [
        {
          plotId: 'LE-01',
          name: 'El Mirador',
          areaHa: 5.2,
          producer: 'M. Rojas',
          geometry: { type: 'Polygon', coordinates: plot(-75.915, 1.856, 0.02) },
          harvestStart: '2026-04-20',
          harvestEnd: '2026-05-12',
        },
        {
          plotId: 'LE-02',
          name: 'La Quebrada',
          areaHa: 1.6,
          producer: 'M. Rojas',
          geometry: { type: 'Point', coordinates: [-75.905, 1.861] },
          harvestStart: '2026-04-25',
          harvestEnd: '2026-05-10',
        },
      ],
    },
  },
  {
    by: 'roaster',
    gtin: GTIN.roastedCoffee,
    lot: LOTS.roasted,
    productionDate: '2026-09-03',
    expiryDate: '2027-09-03',
  },
  {
    by: 'processor',
    gtin: GTIN.salad,
    lot: LOTS.salad,
    harvestDate: '2026-11-17',
    expiryDate: '2026-11-24',
    origin: { country: 'ES', region: 'Almería', producer: 'Huerta Verde' },
  },
  {
    by: 'processor',
    gtin: GTIN.salad,
    lot: LOTS.saladRecalled,
    harvestDate: '2026-11-18',
    expiryDate: '2026-11-25',
    origin: { country: 'ES', region: 'Almería', producer: 'Huerta Verde' },
  },
] as const;

const at = (gln: string) => ({ id: locationId(gln) });

function observe(
  gtin: string,
  lot: string,
  bizStep: string,
  gln: string,
  eventTime: string,
  extra: Record<string, unknown> = {},
) {
  const offset = /([+-]\d\d:\d\d)$/.exec(eventTime)?.[1] ?? '+00:00';
  return {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    eventTime,
    eventTimeZoneOffset: offset,
    quantityList: [{ epcClass: lotId(gtin, lot) }],
    bizStep,
    readPoint: at(gln),
    ...extra,
  };
}

function temperature(value: number, time: string, max = 5) {
  return {
    sensorElementList: [
      {
        sensorMetadata: {
          time,
          deviceID: 'urn:trace:device:logger-7',
          bizRules: `urn:trace:rule:temperature:0..${max}`,
        },
        sensorReport: [
          {
            type: 'Temperature',
            value,
            uom: 'CEL',
            ...(value > max ? { exception: 'ALARM_CONDITION' } : {}),
          },
        ],
      },
    ],
  };
}

const g = GTIN.greenCoffee;
const r = GTIN.roastedCoffee;
const s = GTIN.salad;

/** [user, events] in the order members record them. */
export const PASSAGES: readonly (readonly [string, readonly Record<string, unknown>[]])[] = [
  ['farmer', [observe(g, LOTS.green, 'urn:trace:bizstep:harvesting', GLN.farm, '2026-05-12T16:30:00-05:00')]],
  [
    'processor',
    [observe(g, LOTS.green, 'urn:trace:bizstep:fermenting', GLN.washingStation, '2026-05-13T07:00:00-05:00')],
  ],
  [
    'processor',
    [observe(g, LOTS.green, 'urn:trace:bizstep:washing', GLN.washingStation, '2026-05-14T08:00:00-05:00')],
  ],
  [
    'processor',
    [observe(g, LOTS.green, 'urn:trace:bizstep:drying', GLN.washingStation, '2026-05-26T09:00:00-05:00')],
  ],
  [
    'processor',
    [observe(g, LOTS.green, 'urn:trace:bizstep:hulling', GLN.washingStation, '2026-06-02T10:00:00-05:00')],
  ],
  [
    'carrier',
    [
      observe(g, LOTS.green, 'shipping', GLN.exporter, '2026-06-20T14:00:00-05:00', {
        disposition: 'in_transit',
      }),
    ],
  ],
  [
    'customs',
    [
      observe(g, LOTS.green, 'inspecting', GLN.hamburgCustoms, '2026-07-28T10:15:00+02:00', {
        disposition: 'conformant',
      }),
    ],
  ],
  ['roaster', [observe(g, LOTS.green, 'receiving', GLN.roastery, '2026-08-02T09:00:00+02:00')]],
  [
    'roaster',
    [
      {
        type: 'TransformationEvent',
        eventTime: '2026-09-03T11:00:00+02:00',
        eventTimeZoneOffset: '+02:00',
        inputQuantityList: [{ epcClass: lotId(g, LOTS.green), quantity: 60, uom: 'KGM' }],
        outputQuantityList: [{ epcClass: lotId(r, LOTS.roasted), quantity: 50.4, uom: 'KGM' }],
        bizStep: 'urn:trace:bizstep:roasting',
        readPoint: at(GLN.roastery),
      },
    ],
  ],
  [
    'roaster',
    [
      observe(r, LOTS.roasted, 'urn:trace:bizstep:cupping', GLN.roastery, '2026-09-04T10:00:00+02:00', {
        disposition: 'conformant',
      }),
    ],
  ],
  [
    'carrier',
    [
      observe(r, LOTS.roasted, 'shipping', GLN.roastery, '2026-09-05T08:00:00+02:00', {
        disposition: 'in_transit',
      }),
    ],
  ],
  ['retailer', [observe(r, LOTS.roasted, 'receiving', GLN.cafe, '2026-09-05T10:30:00+02:00')]],
  [
    'processor',
    [observe(s, LOTS.salad, 'urn:trace:bizstep:harvesting', GLN.saladFarm, '2026-11-17T06:00:00+01:00')],
  ],
  [
    'processor',
    [
      observe(
        s,
        LOTS.salad,
        'urn:trace:bizstep:cooling',
        GLN.saladFarm,
        '2026-11-17T07:10:00+01:00',
        temperature(2.1, '2026-11-17T07:10:00+01:00'),
      ),
    ],
  ],
  [
    'carrier',
    [
      observe(
        s,
        LOTS.salad,
        'shipping',
        GLN.saladFarm,
        '2026-11-17T18:00:00+01:00',
        temperature(3.4, '2026-11-17T18:00:00+01:00'),
      ),
    ],
  ],
  [
    'carrier',
    [
      observe(
        s,
        LOTS.salad,
        'storing',
        GLN.coldStore,
        '2026-11-18T04:00:00+01:00',
        temperature(6.8, '2026-11-18T04:00:00+01:00'),
      ),
    ],
  ],
  [
    'retailer',
    [
      observe(
        s,
        LOTS.salad,
        'receiving',
        GLN.supermarket,
        '2026-11-18T15:00:00+01:00',
        temperature(4.2, '2026-11-18T15:00:00+01:00'),
      ),
    ],
  ],
  [
    'processor',
    [
      observe(
        s,
        LOTS.saladRecalled,
        'urn:trace:bizstep:harvesting',
        GLN.saladFarm,
        '2026-11-18T06:00:00+01:00',
      ),
    ],
  ],
  [
    'carrier',
    [
      observe(
        s,
        LOTS.saladRecalled,
        'shipping',
        GLN.saladFarm,
        '2026-11-18T18:00:00+01:00',
        temperature(3.0, '2026-11-18T18:00:00+01:00'),
      ),
    ],
  ],
];

export const RECALL = {
  by: 'regulator',
  id: lotId(s, LOTS.saladRecalled),
  reason: 'Listeria monocytogenes found in routine sampling. Do not eat; return to the store for a refund.',
};
