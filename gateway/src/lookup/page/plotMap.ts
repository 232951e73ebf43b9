/**
 * An origin's plots drawn as an inline SVG: GeoJSON polygons and points projected into the viewBox, with a scale
 * bar and a north mark. There are no map tiles: the page makes no network requests, and a plot outline on a
 * plain ground is what a consumer (and an EUDR due-diligence reader) needs to see.
 */
import type { PublicOrigin } from '../publicTraceSchema';
import { markup, type SafeHtml } from '../../pages/html';

type Position = readonly [number, number];

const WIDTH = 320;
const MIN_HEIGHT = 160;
const MAX_HEIGHT = 240;
/** Metres per degree of latitude (WGS 84 mean); longitude shrinks with cos(latitude). */
const M_PER_DEG = 111_320;
/** The smallest area shown, in degrees (~400 m), so a lone point is not drawn at infinite zoom. */
const MIN_SPAN_DEG = 0.004;
const PAD = 0.12;
// prettier-ignore
const NICE_METRES = [10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000];

/** A projection from [lon, lat] to SVG user units: equirectangular, scaled at the area's mean latitude. */
export interface Projection {
  readonly width: number;
  readonly height: number;
  /** SVG user units per metre on the ground. */
  readonly unitsPerMetre: number;
  project(p: Position): [number, number];
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

/** Fits all positions into a `WIDTH`-wide viewBox with padding; `undefined` when there are none. */
export function fitProjection(positions: readonly Position[]): Projection | undefined {
  if (positions.length === 0) return undefined;
  const lats = positions.map((p) => p[1]);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const kx = Math.cos((midLat * Math.PI) / 180);
  const xs = positions.map((p) => p[0] * kx);
  const ys = positions.map((p) => -p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const spanX = Math.max(x1 - x0, MIN_SPAN_DEG) * (1 + 2 * PAD);
  const spanY = Math.max(y1 - y0, MIN_SPAN_DEG) * (1 + 2 * PAD);
  // Points alone have no shape to show: a low strip is enough to place them.
  const pointsOnly = x1 - x0 < MIN_SPAN_DEG && y1 - y0 < MIN_SPAN_DEG;
  const height = pointsOnly
    ? MIN_HEIGHT
    : Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, (WIDTH * spanY) / spanX)));
  // One scale for both axes (shapes keep their form): the tighter of the two fits.
  const scale = Math.min(WIDTH / spanX, height / spanY);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return {
    width: WIDTH,
    height,
    unitsPerMetre: scale / M_PER_DEG,
    project: (p) => [round1(WIDTH / 2 + (p[0] * kx - cx) * scale), round1(height / 2 + (-p[1] - cy) * scale)],
  };
}

function scaleBar(projection: Projection): SafeHtml {
  const maxMetres = (projection.width * 0.4) / projection.unitsPerMetre;
  const metres = [...NICE_METRES].reverse().find((m) => m <= maxMetres) ?? NICE_METRES[0]!;
  const length = round1(metres * projection.unitsPerMetre);
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  const y = projection.height - 12;
  return markup`<g class="scale" aria-hidden="true"><path d="M12 ${y - 4}V${y}H${round1(12 + length)}V${y - 4}"/><text x="12" y="${y - 7}">${label}</text></g>`;
}

/** Where a plot's number goes: the vertex mean of a polygon's outer ring, beside a point. */
function anchor(
  geometry: NonNullable<PublicOrigin['plots'][number]['geometry']>,
  projection: Projection,
): [number, number] {
  if (geometry.type === 'Point') {
    const [x, y] = projection.project(geometry.coordinates);
    return [x + 9, y + 4];
  }
  const ring = geometry.coordinates[0]!.slice(0, -1).map((p) => projection.project(p));
  return [
    round1(ring.reduce((a, p) => a + p[0], 0) / ring.length),
    round1(ring.reduce((a, p) => a + p[1], 0) / ring.length + 4),
  ];
}

/**
 * Renders one origin's plots, each numbered as in the plot list under the map; `undefined` if no plot has a
 * geometry. `place` names the area for the accessible title ("Huila, Colombia"); `index` keeps IDs unique.
 */
export function renderOriginMap(origin: PublicOrigin, index: number, place: string): SafeHtml | undefined {
  const shapes = origin.plots.filter((p) => p.geometry !== undefined);
  const positions: Position[] = shapes.flatMap((p) =>
    p.geometry!.type === 'Point' ? [p.geometry!.coordinates] : p.geometry!.coordinates.flat(),
  );
  const projection = fitProjection(positions);
  if (!projection) return undefined;
  const titleId = `origin-map-title-${index}`;
  const drawn = origin.plots.map((plot, i) => {
    const geometry = plot.geometry;
    if (geometry === undefined) return '';
    const name = plot.name ?? `Plot ${i + 1}`;
    const [lx, ly] = anchor(geometry, projection);
    const number = markup`<text class="plot-no" x="${lx}" y="${ly}" aria-hidden="true">${i + 1}</text>`;
    if (geometry.type === 'Point') {
      const [x, y] = projection.project(geometry.coordinates);
      return markup`<circle class="plot" cx="${x}" cy="${y}" r="6"><title>${name}</title></circle>${number}`;
    }
    const d = geometry.coordinates
      .map((ring) => `M${ring.map((p) => projection.project(p).join(' ')).join('L')}Z`)
      .join('');
    return markup`<path class="plot" fill-rule="evenodd" d="${d}"><title>${name}</title></path>${number}`;
  });
  return markup`<svg class="map" data-testid="origin-map" role="img" aria-labelledby="${titleId}" viewBox="0 0 ${projection.width} ${projection.height}" xmlns="http://www.w3.org/2000/svg"><title id="${titleId}">Map of ${shapes.length} production ${shapes.length === 1 ? 'plot' : 'plots'} in ${place}</title><rect class="ground" width="${projection.width}" height="${projection.height}"/>${drawn}${scaleBar(projection)}<text class="north" x="${projection.width - 14}" y="20" aria-hidden="true">N</text></svg>`;
}
