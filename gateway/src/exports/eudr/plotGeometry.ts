/**
 * Plot geometry for EUDR geolocation (Regulation (EU) 2023/1115, Art. 2(28)): a plot of more than four
 * hectares is described by a polygon; a smaller one by a single point (latitude/longitude).
 */
import type { Geometry } from '../../../../chaincode/src/api';

/** Art. 2(28): plots above this area need a polygon. */
export const POLYGON_THRESHOLD_HA = 4;
const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number): number => (deg * Math.PI) / 180;

type Ring = readonly (readonly [number, number])[];

/**
 * Area of a polygon in hectares (outer ring minus holes), on a local equirectangular projection: for
 * plots a few kilometres across the error is far below the 4 ha threshold's precision.
 */
export function polygonAreaHa(rings: readonly Ring[]): number {
  const outer = rings[0];
  if (!outer || outer.length < 4) return 0;
  const lat0 = rad(outer.reduce((s, p) => s + p[1], 0) / outer.length);
  const ringArea = (ring: Ring): number => {
    let sum = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const [x1, y1] = ring[i]!;
      const [x2, y2] = ring[i + 1]!;
      sum += rad(x1) * Math.cos(lat0) * rad(y2) - rad(x2) * Math.cos(lat0) * rad(y1);
    }
    return (Math.abs(sum) / 2) * EARTH_RADIUS_M ** 2;
  };
  const m2 = ringArea(outer) - rings.slice(1).reduce((s, r) => s + ringArea(r), 0);
  return m2 / 10_000;
}

/** Vertex centroid of the outer ring (closing vertex excluded): a point inside any convex plot. */
export function ringCentroid(ring: Ring): [number, number] {
  const open = ring.slice(0, -1);
  const n = Math.max(open.length, 1);
  return [open.reduce((s, p) => s + p[0], 0) / n, open.reduce((s, p) => s + p[1], 0) / n];
}

/** The plot's area: as declared, else computed from its polygon; undefined for a bare point. */
export function plotAreaHa(declared: number | undefined, geometry: Geometry | undefined): number | undefined {
  if (declared !== undefined) return declared;
  return geometry?.type === 'Polygon' ? polygonAreaHa(geometry.coordinates) : undefined;
}
