/**
 * Regulatory and partner exports over a coffee chain recorded through the real gateway and ledger: a lot's
 * whole trace as a schema-valid EPCIS document, the EUDR plot GeoJSON followed back through a blend, and the
 * FSMA 204 KDE spreadsheet (CSV and XLSX) checked against the rule's own KDE lists.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { validateEpcisDocument } from '../../gateway/src/epcis/schema';
import { ALL_COLUMNS, KDE_COLUMNS } from '../../gateway/src/exports';
import { GLN } from '../helpers/epcisBuilders';
import { openEpcisHarness, type EpcisHarness } from '../helpers/epcisHarness';
import { LOTS, recordCoffeeWorld } from '../helpers/coffeeWorld';

type Json = Record<string, unknown>;
let h: EpcisHarness;

beforeAll(async () => {
  h = await openEpcisHarness();
  await recordCoffeeWorld(h);
});
afterAll(async () => h.close());

const get = (url: string, query: Record<string, string>) =>
  request(h.app).get(url).query(query).set(h.auth('regulator'));

describe('EPCIS export of a lot’s whole trace', () => {
  it('gives the roasted lot’s journey back to both green lots as a schema-valid EPCISDocument', async () => {
    const res = await get('/exports/lots/epcis', { id: LOTS.roasted });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(validateEpcisDocument(res.body)).toEqual({ valid: true });
    const events = (res.body as { epcisBody: { eventList: Json[] } }).epcisBody.eventList;
    const steps = events.map((e) => `${String(e.bizStep)}@${String(e.eventTime).slice(0, 10)}`);
    expect(steps).toEqual([
      'urn:trace:bizstep:harvesting@2026-01-12',
      'commissioning@2026-01-14',
      'shipping@2026-01-15',
      'commissioning@2026-01-21',
      'receiving@2026-02-20',
      'urn:trace:bizstep:roasting@2026-03-01',
    ]);
    expect(new Set(events.map((e) => e.eventID)).size).toBe(events.length);
  });
});

interface Feature {
  id: string;
  geometry: { type: string; coordinates: unknown } | null;
  properties: Json;
}
interface Eudr {
  type: string;
  compliant: boolean;
  nonCompliant: Json[];
  features: Feature[];
}

describe('EUDR plot geolocation', () => {
  it('follows the roasted blend back to every plot: polygon above 4 ha, point below, with harvest, producer, country', async () => {
    const res = await get('/exports/eudr', { lot: LOTS.roasted });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const report = res.body as Eudr;
    expect(report.type).toBe('FeatureCollection');
    const byPlot = new Map(report.features.map((f) => [f.properties.plotId, f]));
    expect([...byPlot.keys()].sort()).toEqual(['CO-HUI-0007', 'CO-HUI-0011', 'CO-HUI-0042']);
    expect(byPlot.get('CO-HUI-0007')!.geometry!.type).toBe('Polygon');
    expect(byPlot.get('CO-HUI-0007')!.properties).toMatchObject({
      producer: 'Rosa Muñoz',
      country: 'CO',
      harvestStart: '2025-11-20',
      harvestEnd: '2026-01-12',
      lot: LOTS.greenA,
    });
    expect(byPlot.get('CO-HUI-0011')!.geometry).toEqual({ type: 'Point', coordinates: [-75.8951, 2.3842] });
    // Producer and harvest date fall back to the lot's origin and harvest date.
    expect(byPlot.get('CO-HUI-0011')!.properties).toMatchObject({
      producer: 'Asociación de Caficultores de La Plata',
      harvestEnd: '2026-01-12',
    });
  });

  it('reports the blend not compliant, naming the plot without geolocation', async () => {
    const report = (await get('/exports/eudr', { lot: LOTS.roasted })).body as Eudr;
    expect(report.compliant).toBe(false);
    expect(report.nonCompliant).toEqual([
      { lot: LOTS.greenB, plotId: 'CO-HUI-0042', reason: 'no geolocation' },
    ]);
    expect(report.features.find((f) => f.properties.plotId === 'CO-HUI-0042')!.geometry).toBeNull();
  });

  it('reports a single-origin lot with full geolocation compliant', async () => {
    const report = (await get('/exports/eudr', { lot: LOTS.greenA })).body as Eudr;
    expect(report.compliant).toBe(true);
    expect(report.features).toHaveLength(2);
  });

  it('refuses a point for a plot over 4 ha', async () => {
    const report = (await get('/exports/eudr', { lot: 'https://id.gs1.org/01/09506000134369/10/RC-2026-10' }))
      .body as Eudr;
    expect(report.compliant).toBe(false);
    expect(report.nonCompliant).toEqual([
      expect.objectContaining({
        plotId: 'CO-HUI-0099',
        reason: expect.stringContaining('polygon') as unknown,
      }),
    ]);
  });
});

const rule = JSON.parse(
  readFileSync(path.join(__dirname, '../fixtures/exports/fsma204-kde-list.json'), 'utf8'),
) as {
  sections: Record<string, { cte: string; kdes: Record<string, string> }>;
};
/** `1.1350(a)` + `2(i)` → `1.1350(a)(2)(i)`. */
const cite = (section: string, kde: string): string =>
  `${section}(${kde.includes('(') ? kde.replace('(', ')(') : `${kde})`}`;

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted || (c !== '"' && c !== ',' && c !== '\n' && c !== '\r')) {
      cell += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',' || c === '\n') {
      row.push(cell);
      cell = '';
      if (c === '\n') {
        rows.push(row);
        row = [];
      }
    }
  }
  return rows;
}

describe('FSMA 204 sortable spreadsheet', () => {
  const fsma = (tlc: string, format: string, from = '2026-01-01', to = '2026-03-31') =>
    get('/exports/fsma204', { tlc, from, to, format })
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          cb(null, Buffer.concat(chunks));
        });
      });

  it('has a column for every KDE the rule lists for every CTE (21 CFR 1.1325–1.1350), and none the rule does not', () => {
    const cited = new Set(KDE_COLUMNS.flatMap((c) => c.cites));
    const required = Object.entries(rule.sections).flatMap(([section, s]) =>
      Object.keys(s.kdes).map((k) => cite(section, k)),
    );
    expect(required.filter((r) => !cited.has(r))).toEqual([]);
    expect([...cited].filter((c) => !required.includes(c))).toEqual([]);
  });

  it('gives the green lot’s CTEs in the date range as CSV, one row each, with their KDEs filled', async () => {
    const res = await fsma(LOTS.greenA, 'csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="?fsma204_.*GA-2026-01_2026-01-01_2026-03-31\.csv"?$/,
    );
    const [header, ...rows] = parseCsv((res.body as Buffer).toString('utf8'));
    for (const c of KDE_COLUMNS) expect(header).toContain(c.header);
    const col = (row: string[], key: string) =>
      row[header!.indexOf(ALL_COLUMNS.find((c) => c.key === key)!.header)]!;
    expect(rows.map((r) => col(r, 'cte'))).toEqual([
      'harvesting',
      'initial_packing',
      'shipping',
      'receiving',
      'transformation',
    ]);
    const shipping = rows[2]!;
    expect(col(shipping, 'traceabilityLotCode')).toBe(LOTS.greenA);
    expect(col(shipping, 'productDescription')).toBe('Green coffee, washed Arabica');
    expect(col(shipping, 'quantity')).toBe('1200');
    expect(col(shipping, 'unitOfMeasure')).toBe('KGM');
    expect(col(shipping, 'eventDate')).toBe('2026-01-15');
    expect(col(shipping, 'eventLocation')).toContain('Finca La Esperanza');
    expect(col(shipping, 'immediateSubsequentRecipient')).toContain('Trace Roastery');
    expect(col(shipping, 'tlcSource')).toContain(`GLN ${GLN.farm}`);
    expect(col(shipping, 'referenceDocumentType')).toBe('bol');
    expect(col(shipping, 'referenceDocumentNumber')).toContain('BOL-7781');
    const receiving = rows[3]!;
    expect(col(receiving, 'immediatePreviousSource')).toContain('Finca La Esperanza');
    expect(col(receiving, 'eventLocation')).toContain('Trace Roastery');
    const transformation = rows[4]!;
    expect(col(transformation, 'traceabilityLotCode')).toBe(LOTS.roasted);
    expect(col(transformation, 'inputLots')).toContain(
      `${LOTS.greenA} | Green coffee, washed Arabica | 600 KGM`,
    );
    expect(col(transformation, 'productDescription')).toContain('Roasted coffee beans');
    const packing = rows[1]!;
    expect(col(packing, 'harvestDate')).toBe('2026-01-12');
    expect(col(packing, 'fieldName')).toBe('Finca La Esperanza; El Mirador');
  });

  it('keeps to the date range', async () => {
    const [, ...rows] = parseCsv(
      ((await fsma(LOTS.greenA, 'csv', '2026-01-15', '2026-02-20')).body as Buffer).toString('utf8'),
    );
    expect(rows.map((r) => r[0])).toEqual(['shipping', 'receiving']);
  });

  it('gives the same sheet as XLSX, sortable (header, filter) with a KDE reference sheet', async () => {
    const csv = parseCsv(((await fsma(LOTS.greenA, 'csv')).body as Buffer).toString('utf8'));
    const res = await fsma(LOTS.greenA, 'xlsx');
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const book = new ExcelJS.Workbook();
    const bytes = res.body as Buffer;
    await book.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const sheet = book.getWorksheet('FSMA 204 KDEs')!;
    const values = (n: number) =>
      (sheet.getRow(n).values as unknown[])
        .slice(1)
        .map((v) =>
          v === null || v === undefined
            ? ''
            : typeof v === 'object'
              ? JSON.stringify(v)
              : String(v as string | number),
        );
    expect(values(1)).toEqual(csv[0]);
    expect(sheet.rowCount).toBe(csv.length);
    expect(values(4)).toEqual(csv[3]);
    expect(sheet.autoFilter).toBeDefined();
    expect(book.getWorksheet('KDE reference')!.rowCount).toBe(csv[0]!.length + 1);
  });

  it('refuses a missing lot code or a bad date as problem+json', async () => {
    expect((await get('/exports/fsma204', { from: '2026-01-01', to: '2026-01-02' })).status).toBe(400);
    expect(
      (await get('/exports/fsma204', { tlc: LOTS.greenA, from: '2026-13-01', to: '2026-01-02' })).status,
    ).toBe(400);
  });
});
