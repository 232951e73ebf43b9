import { plotAreaHa, polygonAreaHa, ringCentroid } from './plotGeometry';

// A square 0.002° × 0.002° at the equator: (2 × 111.195 km/° × 0.001)² ≈ 222.39 m × 222.39 m ≈ 4.946 ha
// on a sphere of mean radius 6,371.0088 km.
const square: [number, number][] = [
  [0, 0],
  [0.002, 0],
  [0.002, 0.002],
  [0, 0.002],
  [0, 0],
];

describe('EUDR plot geometry', () => {
  it('measures a polygon in hectares', () => {
    expect(polygonAreaHa([square])).toBeCloseTo(4.946, 2);
  });

  it('subtracts holes', () => {
    const hole: [number, number][] = [
      [0.0005, 0.0005],
      [0.0015, 0.0005],
      [0.0015, 0.0015],
      [0.0005, 0.0015],
      [0.0005, 0.0005],
    ];
    expect(polygonAreaHa([square, hole])).toBeCloseTo(4.946 * 0.75, 2);
  });

  it('prefers the declared area, and knows none for a bare point', () => {
    expect(plotAreaHa(3, { type: 'Polygon', coordinates: [square] })).toBe(3);
    expect(plotAreaHa(undefined, { type: 'Point', coordinates: [0, 0] })).toBeUndefined();
  });

  it('places a point inside the plot', () => {
    expect(ringCentroid(square)).toEqual([0.001, 0.001]);
  });
});
