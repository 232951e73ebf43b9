import { loadTraceView, rawTraceView, type TraceFixture } from '../../../test/fixtures/trace/traceViews';
import { toPublicTrace } from './publicTrace';
import { PublicTrace } from './publicTraceSchema';

const FIXTURES: readonly TraceFixture[] = ['coffeeJourney', 'coldChainAlarm', 'recalledLot'];

/** Every string in a JSON value, keys and values alike. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

describe('public trace projection', () => {
  it.each(FIXTURES)('%s: the JSON holds only allow-listed fields (strict schema round trip)', (name) => {
    const json: unknown = JSON.parse(JSON.stringify(toPublicTrace(loadTraceView(name))));
    expect(PublicTrace.safeParse(json).success).toBe(true);
  });

  it('the strict schema rejects a single extra field anywhere', () => {
    const json = JSON.parse(JSON.stringify(toPublicTrace(loadTraceView('coffeeJourney'))));
    json.stages[0].txId = 'x';
    expect(PublicTrace.safeParse(json).success).toBe(false);
  });

  it.each(FIXTURES)(
    '%s: no transaction IDs, MSP IDs, GLN addresses, commercial refs or secrets leak',
    (name) => {
      const text = JSON.stringify(toPublicTrace(loadTraceView(name)));
      const raw = rawTraceView(name);
      // The fixtures mark everything that must stay private with PRIVATE/SECRET/MEMBERS-ONLY, and name MSPs *MSP.
      const privateMarks = raw.match(/"[^"]*(PRIVATE|SECRET|MEMBERS-ONLY)[^"]*"/g) ?? [];
      expect(privateMarks.length).toBeGreaterThan(3);
      for (const mark of privateMarks) expect(text).not.toContain(mark.slice(1, -1));
      // A smallholder's personal name on a plot is not published; the origin's producer (a cooperative) is.
      expect(text).not.toContain('Rosa Muñoz');
      expect(text).not.toMatch(/MSP\b|txId|mspId|sha256|bizTransaction|commercial|ni:\/\/\/|"\/414\//);
    },
  );

  it('shows public stages with human labels and local times, and hides members-only and retracted events', () => {
    const trace = toPublicTrace(loadTraceView('coffeeJourney'));
    expect(trace.stages.map((s) => s.label)).toEqual(['Harvested', 'Washed', 'Dried', 'Received', 'Roasted']);
    expect(trace.stages[0]).toMatchObject({
      step: 'harvesting',
      time: '2026-01-12T08:30:00-05:00',
      eventType: 'ObjectEvent',
      place: { name: 'Finca La Esperanza', country: 'CO', kind: 'farm', geo: { type: 'Point' } },
    });
    // Read point given as an SGLN URN still finds the registered location.
    expect(trace.stages[1]!.place?.name).toBe('La Plata washing station');
    expect(trace.corrections).toEqual([{ declaredAt: '2026-03-03', reason: 'incorrect_data' }]);
  });

  it('names what went into and came out of a transformation', () => {
    const roast = toPublicTrace(loadTraceView('coffeeJourney')).stages.find((s) => s.step === 'roasting');
    expect(roast?.transformation).toEqual({
      inputs: ['Green coffee, Huila washed'],
      outputs: ['La Esperanza medium roast, whole bean 250 g'],
    });
  });

  it('gives product, lot, the ingredient origin with plots, and certifications of product and lots', () => {
    const trace = toPublicTrace(loadTraceView('coffeeJourney'));
    expect(trace.product).toMatchObject({ gtin: '07612345000022', brand: 'Café Norte', family: 'coffee' });
    expect(trace.lot).toEqual({ lot: 'R-260310', productionDate: '2026-03-10', expiryDate: '2027-03-10' });
    expect(trace.origins).toHaveLength(1);
    expect(trace.origins[0]).toMatchObject({ lot: 'GC-2026-014', country: 'CO', region: 'Huila' });
    expect(trace.origins[0]!.plots.map((p) => [p.name, p.areaHa, p.geometry?.type])).toEqual([
      ['Finca La Esperanza', 4.6, 'Polygon'],
      ['El Mirador', 1.2, 'Point'],
    ]);
    expect(trace.certifications.map((c) => c.standard)).toEqual(['EU organic', 'Rainforest Alliance']);
  });

  it('names the recording organisation only when the gateway knows its display name', () => {
    const trace = toPublicTrace(loadTraceView('coffeeJourney'), { orgNames: { RoasterMSP: 'Café Norte' } });
    expect(trace.stages.map((s) => s.recordedBy)).toEqual([
      undefined,
      undefined,
      undefined,
      'Café Norte',
      'Café Norte',
    ]);
  });

  it("summarises cold-chain temperatures per stage, with the alarm and the reports' own unit", () => {
    const stages = toPublicTrace(loadTraceView('coldChainAlarm')).stages;
    expect(stages.map((s) => s.label)).toEqual([
      'Produced',
      'Packed',
      'Shipped',
      'Transported',
      'Received',
      'Stocked',
    ]);
    const transport = stages.find((s) => s.step === 'transporting')!;
    expect(transport.temperature).toMatchObject({ min: 2.4, max: 8.4, unit: '°C', alarm: true });
    expect(transport.temperature?.readings.filter((r) => r.alarm)).toEqual([
      { time: '2026-04-13T06:00:00+02:00', value: 8.4, alarm: true },
    ]);
    // An aggregated report (min/max/mean) counts for min and max; humidity is not a temperature.
    expect(stages.find((s) => s.step === 'receiving')?.temperature).toMatchObject({
      min: 2.2,
      max: 4,
      alarm: false,
    });
    expect(stages.find((s) => s.step === 'shipping')?.temperature).toMatchObject({ min: 1.8, max: 1.8 });
    // A lone Fahrenheit report keeps its unit.
    expect(stages.find((s) => s.step === 'stocking')?.temperature).toMatchObject({ min: 37.9, unit: '°F' });
  });

  it('carries the recall banner data and says the trace is partial', () => {
    const trace = toPublicTrace(loadTraceView('recalledLot'));
    expect(trace.recalls).toEqual([
      {
        reason: expect.stringMatching(/^Possible Listeria/),
        date: '2026-05-20',
        lot: 'SP-2611-B',
      },
    ]);
    expect(trace.partial).toBe(true);
    expect(trace.stages.map((s) => s.label)).toEqual(['Harvested', 'Packed', 'Recalled']);
    // The shipping event carries its own errorDeclaration: it is counted as corrected, not shown.
    expect(trace.corrections).toEqual([{ declaredAt: '2026-05-12', reason: 'did_not_occur' }]);
  });

  it('leaves out forward events (what the lot became)', () => {
    const text = JSON.stringify(toPublicTrace(loadTraceView('recalledLot')));
    expect(text).not.toContain('SALAD-77');
  });

  it('a lot without registered master data still projects, without product or lot', () => {
    const view = { ...loadTraceView('recalledLot'), products: [], lots: [], locations: [] };
    const trace = toPublicTrace(view);
    expect(trace.product).toBeUndefined();
    expect(trace.lot).toBeUndefined();
    expect(trace.stages[0]?.place).toBeUndefined();
    expect(strings(trace)).not.toContain('GrowerMSP');
  });
});
