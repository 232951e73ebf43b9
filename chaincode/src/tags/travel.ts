/**
 * Impossible travel: two sightings of one tag further apart than anything could carry it in the time between.
 * Great-circle distance (haversine on a 6371 km sphere; the ellipsoid's 0.5 % error is far below the margins).
 */
import type { Place } from './tagModel';

/** Faster than an airliner door to door. */
export const MAX_SPEED_KMH = 1000;
/** Phone and IP geolocation are coarse: closer than this is never "impossible". */
export const MIN_DISTANCE_KM = 50;

export function distanceKm(a: Place, b: Place): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** True when going from `a` at `aMs` to `b` at `bMs` needs more than {@link MAX_SPEED_KMH}. Order does not matter. */
export function impossibleTravel(a: Place, aMs: number, b: Place, bMs: number): boolean {
  const km = distanceKm(a, b);
  if (km < MIN_DISTANCE_KM) return false;
  const hours = Math.abs(bMs - aMs) / 3_600_000;
  return km > MAX_SPEED_KMH * hours;
}
