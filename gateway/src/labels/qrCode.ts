/**
 * QR codes for GS1 Digital Link URLs. Error correction level M (15 % recovery) is GS1's recommendation for DL on
 * consumer packs, balancing size and robustness; the quiet zone is 4 modules, the minimum of ISO/IEC 18004 §6.3.8.
 * The symbol is encoded by `qrcode`; the SVG is drawn here from its module matrix so it is one compact path with
 * a square viewBox of exactly (size + 2 × margin) modules.
 */
import QRCode from 'qrcode';
import { escapeHtml } from '../pages/html';
import { LabelError } from './labelError';

/** ISO/IEC 18004 error correction level used for every label. */
export const QR_ERROR_CORRECTION = 'M';
/** Quiet zone in modules on each side. */
export const QR_QUIET_ZONE = 4;
/** Long URLs make dense codes that cheap phone cameras misread; GS1 DL URLs are far shorter. */
export const MAX_QR_URL_LENGTH = 512;

/** Options of {@link qrPng} and {@link qrSvg}. */
export interface QrOptions {
  /** Quiet zone in modules; at least 4 (the default). */
  readonly margin?: number;
  /** PNG only: pixels per module, 1–40; default 8. */
  readonly scale?: number;
  /** SVG only: `width`/`height` attribute, e.g. `30mm` or `100%`; default none (sized by its container). */
  readonly size?: string;
  /** SVG only: accessible name; default "QR code: <url>". */
  readonly title?: string;
}

function checkUrl(url: unknown): string {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_QR_URL_LENGTH) {
    throw new LabelError('LABEL_URL_INVALID', 'url', `a label URL has 1–${MAX_QR_URL_LENGTH} characters`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new LabelError('LABEL_URL_INVALID', 'url', `not an absolute URL: ${url}`, { cause });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new LabelError(
      'LABEL_URL_INVALID',
      'url',
      'a label URL is http(s): phones open only web links from QR codes',
    );
  }
  return url;
}

function checkInt(
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
  field: string,
): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new LabelError('LABEL_OPTION_INVALID', field, `${field} is an integer from ${min} to ${max}`);
  }
  return v;
}

/** The module matrix of `url`'s QR code (true = dark), without quiet zone. */
export function qrModules(url: string): {
  readonly size: number;
  readonly version: number;
  isDark(row: number, col: number): boolean;
} {
  const code = QRCode.create(checkUrl(url), { errorCorrectionLevel: QR_ERROR_CORRECTION });
  return {
    size: code.modules.size,
    version: code.version,
    isDark: (row, col) => code.modules.get(row, col) === 1,
  };
}

/** A PNG of `url`'s QR code, black on white. */
export async function qrPng(url: string, options: QrOptions = {}): Promise<Buffer> {
  const margin = checkInt(options.margin, QR_QUIET_ZONE, QR_QUIET_ZONE, 16, 'margin');
  const scale = checkInt(options.scale, 8, 1, 40, 'scale');
  return QRCode.toBuffer(checkUrl(url), {
    type: 'png',
    errorCorrectionLevel: QR_ERROR_CORRECTION,
    margin,
    scale,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
}

/**
 * An SVG of `url`'s QR code: viewBox `0 0 N N` with N = modules + 2 × margin, one module per user unit, a white
 * ground (the quiet zone must be light even on coloured packaging) and each row's dark runs as one path.
 */
export function qrSvg(url: string, options: QrOptions = {}): string {
  const margin = checkInt(options.margin, QR_QUIET_ZONE, QR_QUIET_ZONE, 16, 'margin');
  if (options.size !== undefined && !/^\d+(\.\d+)?(mm|cm|in|px|%)?$/.test(options.size)) {
    throw new LabelError('LABEL_OPTION_INVALID', 'size', 'size is a CSS length such as 30mm or 100%');
  }
  const modules = qrModules(url);
  const n = modules.size + 2 * margin;
  let d = '';
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size;) {
      if (!modules.isDark(row, col)) {
        col++;
        continue;
      }
      let run = 1;
      while (col + run < modules.size && modules.isDark(row, col + run)) run++;
      d += `M${col + margin} ${row + margin}h${run}v1h-${run}z`;
      col += run;
    }
  }
  const size = options.size !== undefined ? ` width="${options.size}" height="${options.size}"` : '';
  const title = escapeHtml(options.title ?? `QR code: ${url}`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}"${size} role="img" shape-rendering="crispEdges"><title>${title}</title><rect width="${n}" height="${n}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`;
}
