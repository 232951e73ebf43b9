/**
 * EUDR geolocation of a lot (Regulation (EU) 2023/1115, Art. 9(1)(d) and Art. 2(28)): every plot of land the
 * lot's commodity came from, followed back through every transformation and merge by the chaincode's own
 * Trace, as a GeoJSON (RFC 7946) FeatureCollection ready to attach to a due-diligence statement. Polygons for
 * plots above 4 ha, points otherwise. Any plot without usable geolocation makes the lot not compliant, and the
 * report names it.
 */
import type { Lot, Plot, TraceView } from '../../../../chaincode/src/api';
import { plotAreaHa, POLYGON_THRESHOLD_HA, ringCentroid } from './plotGeometry';

export interface PlotProblem {
  readonly lot: string;
  /** Absent when the problem is the lot itself (no plot at all). */
  readonly plotId?: string;
  readonly reason: string;
}

export interface PlotFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry:
    { type: 'Point'; coordinates: [number, number] } | { type: 'Polygon'; coordinates: number[][][] } | null;
  readonly properties: Readonly<Record<string, string | number | null>>;
}

/** RFC 7946 §6.1 foreign members carry the verdict beside the features. */
export interface EudrReport {
  readonly type: 'FeatureCollection';
  readonly lot: string;
  readonly compliant: boolean;
  readonly nonCompliant: readonly PlotProblem[];
  readonly warnings: readonly PlotProblem[];
  /** True when the trace walk stopped at its limits: the origin list may be incomplete. */
  readonly truncated: boolean;
  readonly features: readonly PlotFeature[];
}

/** The lots the subject came from: itself and its ancestors (not what it became). */
function originLots(view: TraceView): Lot[] {
  const upstream = new Set(
    view.nodes.filter((n) => n.relation === 'self' || n.relation === 'ancestor').map((n) => n.id),
  );
  return view.lots.filter((l) => upstream.has(l.id));
}

function feature(lot: Lot, plot: Plot, problems: PlotProblem[], warnings: PlotProblem[]): PlotFeature {
  const origin = lot.origin!;
  const area = plotAreaHa(plot.areaHa, plot.geometry);
  const g = plot.geometry;
  let geometry: PlotFeature['geometry'] = null;
  if (g === undefined) {
    problems.push({ lot: lot.id, plotId: plot.plotId, reason: 'no geolocation' });
  } else if (area !== undefined && area > POLYGON_THRESHOLD_HA) {
    if (g.type === 'Polygon')
      geometry = { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map((p) => [p[0], p[1]])) };
    else
      problems.push({
        lot: lot.id,
        plotId: plot.plotId,
        reason: `${area} ha is more than ${POLYGON_THRESHOLD_HA} ha and needs a polygon, not a point`,
      });
  } else {
    geometry = {
      type: 'Point',
      coordinates:
        g.type === 'Point' ? [g.coordinates[0], g.coordinates[1]] : ringCentroid(g.coordinates[0]!),
    };
    if (area === undefined)
      warnings.push({
        lot: lot.id,
        plotId: plot.plotId,
        reason: 'area unknown: a point suffices only up to 4 ha',
      });
  }
  return {
    type: 'Feature',
    id: `${lot.id}#${plot.plotId}`,
    geometry,
    properties: {
      plotId: plot.plotId,
      name: plot.name ?? null,
      lot: lot.id,
      producer: plot.producer ?? origin.producer ?? null,
      country: origin.country,
      region: origin.region ?? null,
      areaHa: area === undefined ? null : Math.round(area * 10_000) / 10_000,
      harvestStart: plot.harvestStart ?? lot.harvestDate ?? null,
      harvestEnd: plot.harvestEnd ?? lot.harvestDate ?? null,
    },
  };
}

/** The EUDR report of `view.subject`, from its trace. */
export function eudrReport(view: TraceView): EudrReport {
  const problems: PlotProblem[] = [];
  const warnings: PlotProblem[] = [];
  const features: PlotFeature[] = [];
  for (const lot of originLots(view)) {
    const plots = lot.origin?.plots ?? [];
    // A lot with an origin but no plot is produce of unknown land: part of the commodity cannot be located.
    if (lot.origin !== undefined && plots.length === 0)
      problems.push({ lot: lot.id, reason: 'origin names no plot of production' });
    for (const plot of plots) features.push(feature(lot, plot, problems, warnings));
  }
  if (features.length === 0)
    problems.push({
      lot: view.subject,
      reason: 'no plot of production is recorded for this lot or any lot it came from',
    });
  if (view.truncated)
    warnings.push({
      lot: view.subject,
      reason: 'the trace was truncated at its limits; origins may be missing',
    });
  return {
    type: 'FeatureCollection',
    lot: view.subject,
    compliant: problems.length === 0,
    nonCompliant: problems,
    warnings,
    truncated: view.truncated,
    features,
  };
}
