import { fitProjection, renderOriginMap } from './plotMap';
import type { PublicOrigin } from '../publicTraceSchema';

type Ring = [number, number][];
const square = (lon: number, lat: number, size: number): Ring => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];
const origin = (plots: PublicOrigin['plots']): PublicOrigin => ({ lot: 'L1', country: 'CO', plots });

describe('origin map projection', () => {
  it('puts north up and east right, inside the viewBox with a margin', () => {
    const ring = square(-75.9, 2.38, 0.01);
    const p = fitProjection(ring)!;
    const [swX, swY] = p.project([-75.9, 2.38]);
    const [neX, neY] = p.project([-75.89, 2.39]);
    expect(neX).toBeGreaterThan(swX);
    expect(neY).toBeLessThan(swY);
    for (const [x, y] of ring.map((q) => p.project(q))) {
      expect(x).toBeGreaterThan(0.05 * p.width);
      expect(x).toBeLessThan(0.95 * p.width);
      expect(y).toBeGreaterThan(0.05 * p.height);
      expect(y).toBeLessThan(0.95 * p.height);
    }
  });

  it('keeps ground shapes: a degree of longitude at 60°N is half a degree of latitude', () => {
    const p = fitProjection(square(10, 60, 0.01))!;
    const [x0, y0] = p.project([10, 60]);
    const [x1, y1] = p.project([10.01, 60.01]);
    expect((x1 - x0) / (y0 - y1)).toBeCloseTo(0.5, 2);
  });

  it('scales the bar in metres: 0.01° of latitude is about 1113 m', () => {
    const p = fitProjection(square(0, 0, 0.01))!;
    const [, y0] = p.project([0, 0]);
    const [, y1] = p.project([0, 0.01]);
    expect((y0 - y1) / p.unitsPerMetre).toBeCloseTo(1113.2, -1);
  });

  it('has nothing to fit without positions', () => {
    expect(fitProjection([])).toBeUndefined();
  });
});

describe('origin map', () => {
  it('draws polygons with their holes and points, numbered, with a scale bar and a title', () => {
    const svg = String(
      renderOriginMap(
        origin([
          {
            name: 'Finca',
            geometry: {
              type: 'Polygon',
              coordinates: [square(-75.9, 2.38, 0.01), square(-75.897, 2.383, 0.002)],
            },
          },
          { name: 'No geometry' },
          { name: 'Mirador', geometry: { type: 'Point', coordinates: [-75.885, 2.385] } },
        ]),
        0,
        'Huila, Colombia',
      ),
    );
    expect(svg).toMatch(/^<svg class="map" data-testid="origin-map" role="img"/);
    expect(svg).toContain(
      '<title id="origin-map-title-0">Map of 2 production plots in Huila, Colombia</title>',
    );
    expect(/<path class="plot"[^>]* d="([^"]*)"/.exec(svg)![1]!.match(/M/g)).toHaveLength(2);
    expect(svg).toMatch(
      /<circle class="plot" cx="[\d.]+" cy="[\d.]+" r="6"><title>Mirador<\/title><\/circle>/,
    );
    // Numbers follow the plot list, so the plot without geometry keeps number 2 unused.
    expect([...svg.matchAll(/class="plot-no"[^>]*>(\d+)</g)].map((m) => m[1])).toEqual(['1', '3']);
    expect(svg).toMatch(/<g class="scale"[^>]*>.*<text[^>]*>\d+ (m|km)<\/text><\/g>/);
  });

  it('uses a low strip for points alone and draws nothing without geometry', () => {
    const svg = String(
      renderOriginMap(origin([{ geometry: { type: 'Point', coordinates: [-2.46, 36.83] } }]), 1, 'Spain'),
    );
    expect(svg).toContain('viewBox="0 0 320 160"');
    expect(renderOriginMap(origin([{ name: 'Unmapped' }]), 0, 'Colombia')).toBeUndefined();
  });
});
